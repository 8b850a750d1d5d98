// `response.completed.output` is the source of truth for what a response produced (issue 11,
// finding 6): items whose `response.output_item.done` never arrived in a usable form (every
// message event malformed, say) are taken from it, so the turn still shows and records them.
import { parseItem } from '@shared/wire/events'
import { stripId, type ResponseItem } from '@shared/wire/items'

/**
 * The completed output's items that the stream did not deliver, in order. An output item counts
 * as delivered when a streamed item has its `id`, or equals it apart from the `id`; each
 * streamed item accounts for one output item at most.
 */
export function unstreamedItems(response: unknown, streamed: readonly ResponseItem[]): ResponseItem[] {
  const output = (response as { output?: unknown } | null)?.output
  if (!Array.isArray(output) || output.length === 0) return []
  const left = streamed.map((item) => ({ item, key: JSON.stringify(stripId(item)), used: false }))
  const missing: ResponseItem[] = []
  for (const raw of output) {
    const item = parseItem(raw)
    if (!item) continue
    const id = 'id' in item ? item.id : undefined
    let match = id === undefined ? undefined : left.find((s) => !s.used && 'id' in s.item && s.item.id === id)
    if (!match) {
      const key = JSON.stringify(stripId(item))
      match = left.find((s) => !s.used && s.key === key)
    }
    if (match) match.used = true
    else missing.push(item)
  }
  return missing
}
