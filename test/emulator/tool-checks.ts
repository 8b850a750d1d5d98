// Function-call bookkeeping the real service enforces: every `function_call_output` answers a
// `function_call` with the same call_id (in this input or, over WebSocket, in the chain behind
// `previous_response_id`), and every call has its output before the model is asked again.
import type { ResponseItem } from '../../shared/wire/items'
import { apiError, type ApiErrorBody } from './errors'

/** Call ids still waiting for an output, carried by a WebSocket connection across requests. */
export type OpenCalls = Set<string>

export function checkToolPairs(input: ResponseItem[], carried: OpenCalls = new Set()): ApiErrorBody | null {
  const open = new Set(carried)
  const known = new Set(carried)
  for (const [i, item] of input.entries()) {
    if (item.type === 'function_call') {
      open.add(item.call_id)
      known.add(item.call_id)
    } else if (item.type === 'function_call_output') {
      if (!known.has(item.call_id))
        return apiError(`No tool call found for function call output with call_id ${item.call_id}.`, null, {
          param: `input[${i}]`,
        })
      open.delete(item.call_id)
    }
  }
  const missing = [...open][0]
  if (missing !== undefined)
    return apiError(`No tool output found for function call ${missing}.`, null, { param: 'input' })
  return null
}

/** Function calls a streamed response made (its `output_item.done` events). */
export function callIdsOf(event: Record<string, unknown>): string[] {
  if (event.type !== 'response.output_item.done') return []
  const item = event.item as { type?: unknown; call_id?: unknown } | undefined
  return item?.type === 'function_call' && typeof item.call_id === 'string' ? [item.call_id] : []
}
