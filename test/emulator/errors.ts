// OpenAI-style error bodies: {"error":{"message","type","param","code"}}.
import type { ZodError } from 'zod'

export interface ApiErrorObject {
  message: string
  type: string
  param: string | null
  code: string | null
  [k: string]: unknown
}
export interface ApiErrorBody {
  error: ApiErrorObject
}

export function apiError(
  message: string,
  code: string | null,
  opts: { type?: string; param?: string | null } = {},
): ApiErrorBody {
  return {
    error: { message, type: opts.type ?? 'invalid_request_error', param: opts.param ?? null, code },
  }
}

/** The error object a real service would send for a bare status (used when a scenario has no body). */
export function defaultErrorForStatus(status: number): ApiErrorObject {
  switch (status) {
    case 400:
      return apiError('Invalid request.', 'invalid_request').error
    case 401:
      return apiError('Incorrect API key provided.', 'invalid_api_key').error
    case 403:
      return apiError('You are not allowed to perform this request.', 'forbidden', {
        type: 'permission_error',
      }).error
    case 404:
      return apiError('Not found.', 'not_found').error
    case 429:
      return apiError('Rate limit reached. Please try again in 1s.', 'rate_limit_exceeded', {
        type: 'requests',
      }).error
    case 503:
      return apiError('The engine is currently overloaded, please try again later.', 'server_is_overloaded', {
        type: 'server_error',
      }).error
    default:
      if (status >= 500) {
        return apiError('The server had an error while processing your request. Sorry about that!', null, {
          type: 'server_error',
        }).error
      }
      return apiError(`Request failed with status ${status}.`, null).error
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The error object of a scenario body: `body.error` if present, else the body itself, else a default. */
export function errorObjectFrom(status: number, body: unknown): unknown {
  if (isRecord(body) && isRecord(body.error)) return body.error
  if (isRecord(body)) return body
  return defaultErrorForStatus(status)
}

/** `input[0].content[1].type` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else out += out === '' ? String(seg) : `.${String(seg)}`
  }
  return out
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { parentExists: boolean; value: unknown } {
  let cur: unknown = root
  for (let i = 0; i < path.length; i++) {
    if (typeof cur !== 'object' || cur === null) return { parentExists: false, value: undefined }
    const key = path[i] as PropertyKey
    const next: unknown = (cur as Record<PropertyKey, unknown>)[key]
    if (i === path.length - 1) return { parentExists: true, value: next }
    cur = next
  }
  return { parentExists: true, value: cur }
}

/** A 400 body describing the first zod issue, worded like the real API. */
export function validationError(error: ZodError, input: unknown): ApiErrorBody {
  const issue = error.issues[0]
  if (!issue) return apiError('Invalid request body.', 'invalid_value')
  const where = formatPath(issue.path)
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '?'
    const full = where === '' ? key : `${where}.${key}`
    return apiError(`Unknown parameter: '${full}'. (${issue.message})`, 'unknown_parameter', { param: full })
  }
  const at = valueAt(input, issue.path)
  if (issue.code === 'invalid_type' && at.parentExists && at.value === undefined) {
    return apiError(
      `Missing required parameter: '${where}'. (${issue.message})`,
      'missing_required_parameter',
      {
        param: where,
      },
    )
  }
  const code = issue.code === 'invalid_type' ? 'invalid_type' : 'invalid_value'
  const label = where === '' ? 'request body' : `'${where}'`
  return apiError(`Invalid value for ${label}: ${issue.message}`, code, {
    param: where === '' ? null : where,
  })
}
