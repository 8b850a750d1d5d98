// Errors of a model request, mapped as protocol.md §1.7 says, with whether to retry.
import type { ErrorCode } from '@shared/events'
import { delayFromMessage } from './retry'

export class ModelError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly retryable: boolean,
    readonly extra: { delayMs?: number | null; httpStatus?: number; body?: string; newSocket?: boolean } = {},
  ) {
    super(message)
    this.name = 'ModelError'
  }
}

export const isModelError = (e: unknown): e is ModelError => e instanceof ModelError

interface FailedError {
  code?: string | null
  message?: string | null
}

/** `response.failed` → error, by `response.error.code`. */
export function mapResponseFailed(error: FailedError | null | undefined): ModelError {
  if (!error) return new ModelError('response.failed event received', 'response_failed', true)
  const message = error.message ?? ''
  switch (error.code) {
    case 'context_length_exceeded':
      return new ModelError(
        message || 'The conversation is longer than the model can take (context window exceeded).',
        'context_length_exceeded',
        false,
      )
    case 'insufficient_quota':
      return new ModelError(
        message || 'Quota exceeded. Check your plan and billing.',
        'quota_exceeded',
        false,
      )
    case 'usage_not_included':
      return new ModelError(message || 'Usage is not included in your plan.', 'usage_not_included', false)
    case 'cyber_policy':
      return new ModelError(
        message.trim() || 'This request has been flagged for possible cybersecurity risk.',
        'cyber_policy',
        false,
      )
    case 'invalid_prompt':
      return new ModelError(message || 'Invalid request.', 'invalid_request', false)
    case 'server_is_overloaded':
    case 'slow_down':
      return new ModelError(
        message || 'The server is overloaded. Try again later.',
        'server_overloaded',
        false,
      )
    case 'rate_limit_exceeded':
      return new ModelError(message || 'Rate limit exceeded.', 'rate_limited', true, {
        delayMs: delayFromMessage(message),
      })
    default:
      return new ModelError(message || 'response.failed event received', 'response_failed', true)
  }
}

/** A non-2xx HTTP answer (or a wrapped WebSocket error frame carrying a status). */
export function mapHttpStatus(status: number, body: string, retryAfterMs: number | null): ModelError {
  const detail = errorMessageFromBody(body)
  if (status === 401 || status === 403) {
    return new ModelError(
      `Unauthorized (HTTP ${status})${detail ? `: ${detail}` : ''}. Check your API key or sign in again.`,
      'unauthorized',
      false,
      { httpStatus: status, body },
    )
  }
  if (status === 429) {
    const quota = /insufficient_quota|usage_limit_reached/.test(body)
    return new ModelError(
      `Rate limited (HTTP 429)${detail ? `: ${detail}` : ''}`,
      quota ? 'quota_exceeded' : 'rate_limited',
      !quota,
      { httpStatus: status, body, delayMs: retryAfterMs ?? (detail ? delayFromMessage(detail) : null) },
    )
  }
  if (status >= 500) {
    return new ModelError(
      `Server error (HTTP ${status})${detail ? `: ${detail}` : ''}`,
      'server_error',
      true,
      {
        httpStatus: status,
        body,
        delayMs: retryAfterMs,
      },
    )
  }
  if (errorCodeFromBody(body) === 'context_length_exceeded') {
    // How `/responses/compact` (and a non-streaming overflow) says the input does not fit.
    return new ModelError(
      detail || 'The conversation is longer than the model can take (context window exceeded).',
      'context_length_exceeded',
      false,
      { httpStatus: status, body },
    )
  }
  if (status === 404) {
    return new ModelError(`Not found (HTTP 404)${detail ? `: ${detail}` : ''}`, 'not_found', false, {
      httpStatus: status,
      body,
    })
  }
  return new ModelError(
    `Request failed (HTTP ${status})${detail ? `: ${detail}` : ''}`,
    'http_error',
    false,
    {
      httpStatus: status,
      body,
    },
  )
}

function errorCodeFromBody(body: string): string | null {
  try {
    const j = JSON.parse(body) as { error?: { code?: unknown } }
    return typeof j.error?.code === 'string' ? j.error.code : null
  } catch {
    return null
  }
}

function errorMessageFromBody(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown }
    if (typeof j.error === 'string') return j.error
    if (j.error && typeof j.error.message === 'string') return j.error.message
    if (typeof j.message === 'string') return j.message
  } catch {
    // not JSON: fall through to a trimmed excerpt
  }
  return body.trim().slice(0, 300)
}
