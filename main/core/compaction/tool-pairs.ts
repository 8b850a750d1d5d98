// The service accepts an input only when every function_call has its function_call_output and
// every output answers a call in the same input. Trimming and crash recovery can break a pair.
import type { ResponseItem } from '@shared/wire/items'

/** What an unanswered call gets when the app stopped while it ran or waited for approval. */
export const NOT_RUN_OUTPUT = 'not run: the app stopped before this call finished'

/** Outputs whose call is not in `items` (the call was trimmed away) are left out. */
export function dropOrphanOutputs(items: readonly ResponseItem[]): ResponseItem[] {
  const calls = new Set<string>()
  const out: ResponseItem[] = []
  for (const item of items) {
    if (item.type === 'function_call') calls.add(item.call_id)
    if (item.type === 'function_call_output' && !calls.has(item.call_id)) continue
    out.push(item)
  }
  return out
}

/** Each call without an output gets a synthetic one right after it. */
export function answerOpenCalls(items: readonly ResponseItem[]): ResponseItem[] {
  const answered = new Set<string>()
  for (const item of items) if (item.type === 'function_call_output') answered.add(item.call_id)
  const out: ResponseItem[] = []
  for (const item of items) {
    out.push(item)
    if (item.type === 'function_call' && !answered.has(item.call_id))
      out.push({ type: 'function_call_output', call_id: item.call_id, output: NOT_RUN_OUTPUT })
  }
  return out
}

/** The index of the first user message at or after `from`, or -1. */
export function nextUserMessage(items: readonly ResponseItem[], from: number): number {
  for (let i = from; i < items.length; i++) {
    const item = items[i]!
    if (item.type === 'message' && item.role === 'user') return i
  }
  return -1
}
