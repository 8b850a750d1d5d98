// Step builders for tool calls, rate limits and WebSocket-only events.
import { ev, newId, splitChunks, type ItemOpts } from './script-base'
import type { Step } from './types'

export interface FunctionCallOpts extends ItemOpts {
  callId?: string
}

/** A function_call item: added, argument deltas, arguments done, item done. */
export function functionCallSteps(name: string, args: string | object, opts: FunctionCallOpts = {}): Step[] {
  const argStr = typeof args === 'string' ? args : JSON.stringify(args)
  const item_id = opts.itemId ?? newId('fc')
  const call_id = opts.callId ?? newId('call')
  const output_index = opts.outputIndex ?? 0
  let seq = opts.sequenceStart ?? 0
  const done = { id: item_id, type: 'function_call', status: 'completed', name, arguments: argStr, call_id }
  const steps: Step[] = [
    ev(
      'response.output_item.added',
      { output_index, item: { ...done, status: 'in_progress', arguments: '' } },
      seq++,
    ),
  ]
  for (const delta of splitChunks(argStr, opts.chunks ?? 2)) {
    steps.push(ev('response.function_call_arguments.delta', { item_id, output_index, delta }, seq++))
  }
  steps.push(ev('response.function_call_arguments.done', { item_id, output_index, arguments: argStr }, seq++))
  steps.push(ev('response.output_item.done', { output_index, item: done }, seq))
  return steps
}

/** A custom_tool_call item (freeform tools such as apply_patch). */
export function customToolCallSteps(name: string, input: string, opts: FunctionCallOpts = {}): Step[] {
  const item_id = opts.itemId ?? newId('ctc')
  const call_id = opts.callId ?? newId('call')
  const output_index = opts.outputIndex ?? 0
  let seq = opts.sequenceStart ?? 0
  const done = { id: item_id, type: 'custom_tool_call', status: 'completed', name, input, call_id }
  const steps: Step[] = [
    ev(
      'response.output_item.added',
      { output_index, item: { ...done, status: 'in_progress', input: '' } },
      seq++,
    ),
  ]
  for (const delta of splitChunks(input, opts.chunks ?? 2)) {
    steps.push(ev('response.custom_tool_call_input.delta', { item_id, call_id, output_index, delta }, seq++))
  }
  steps.push(ev('response.output_item.done', { output_index, item: done }, seq))
  return steps
}

export interface RateLimitWindowOpts {
  used_percent: number
  window_minutes?: number
  reset_at?: number
}

export interface RateLimitsOpts {
  planType?: string | null
  meteredLimitName?: string | null
  limitName?: string | null
  allowed?: boolean
  limitReached?: boolean
  primary?: RateLimitWindowOpts | null
  secondary?: RateLimitWindowOpts | null
  credits?: { has_credits: boolean; unlimited: boolean; balance?: string | null } | null
}

/** The `codex.rate_limits` WebSocket event (§3.2); defaults are the spec's example. */
export function rateLimitsEvent(opts: RateLimitsOpts = {}): Step {
  const event: Record<string, unknown> = {
    type: 'codex.rate_limits',
    plan_type: opts.planType === undefined ? 'pro' : opts.planType,
    metered_limit_name: opts.meteredLimitName === undefined ? 'codex_other' : opts.meteredLimitName,
    rate_limits: {
      allowed: opts.allowed ?? true,
      limit_reached: opts.limitReached ?? false,
      primary:
        opts.primary === undefined
          ? { used_percent: 50.0, window_minutes: 300, reset_at: 1704069000 }
          : opts.primary,
      secondary:
        opts.secondary === undefined
          ? { used_percent: 8.0, window_minutes: 10080, reset_at: 1704500000 }
          : opts.secondary,
    },
    credits:
      opts.credits === undefined ? { has_credits: true, unlimited: false, balance: '9' } : opts.credits,
  }
  if (opts.limitName !== undefined) event.limit_name = opts.limitName
  return { event }
}

/** A wrapped WebSocket error frame (§1.7). `status: undefined` sends no status (ignored by clients). */
export function wsError(
  status: number | undefined,
  error: Record<string, unknown>,
  headers?: Record<string, unknown>,
): Step {
  const event: Record<string, unknown> = { type: 'error' }
  if (status !== undefined) event.status = status
  event.error = error
  if (headers) event.headers = headers
  return { event }
}

export function connectionLimitReached(
  message = 'Responses websocket connection limit reached (60 minutes). Create a new websocket connection to continue.',
): Step {
  return wsError(400, { type: 'invalid_request_error', code: 'websocket_connection_limit_reached', message })
}

/** `response.metadata` [later] with header echoes and/or metadata. */
export function metadataEvent(opts: {
  headers?: Record<string, unknown>
  metadata?: Record<string, unknown>
}): Step {
  const event: Record<string, unknown> = { type: 'response.metadata' }
  if (opts.metadata) event.metadata = opts.metadata
  if (opts.headers) event.headers = opts.headers
  return { event }
}

/** `responsesapi.websocket_timing` (§5). */
export function websocketTiming(metrics: Record<string, number>): Step {
  return { event: { type: 'responsesapi.websocket_timing', timing_metrics: { ...metrics } } }
}

/** Delay before each text or reasoning delta, so streaming is visible (demo) and observable (tests). */
export function paced(steps: Step[], ms: number): Step[] {
  return steps.flatMap((s) =>
    'event' in s &&
    (s.event.type === 'response.output_text.delta' ||
      s.event.type === 'response.reasoning_summary_text.delta')
      ? [{ delayMs: ms }, s]
      : [s],
  )
}
