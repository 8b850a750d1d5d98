// `response.completed.output` is the source of truth for what a response produced (issue 11,
// finding 6): items whose `response.output_item.done` never arrived in a usable form (every
// message event malformed, say) are taken from it, so the turn still shows and records them.
import { parseItem } from '@shared/wire/events'
import { stripId, type ResponseItem } from '@shared/wire/items'

/** Items of one kind (type, and role for messages) can stand in for each other. */
function kind(item: ResponseItem): string {
  return item.type === 'message' ? `message:${item.role}` : item.type
}

/**
 * The completed output's items that the stream did not deliver, in order. An output item is
 * delivered when a streamed item has its `id` or equals it apart from the `id`. Beyond that,
 * counts decide: of each kind, at most (output count − streamed count) items are missing, so a
 * server whose completed output carries other ids or encrypted content than its stream (as some
 * do) never makes us show or record an item twice.
 */
export function unstreamedItems(response: unknown, streamed: readonly ResponseItem[]): ResponseItem[] {
  const output = (response as { output?: unknown } | null)?.output
  if (!Array.isArray(output) || output.length === 0) return []
  const left = streamed.map((item) => ({ item, key: JSON.stringify(stripId(item)), used: false }))
  const budget = new Map<string, number>()
  const unmatched: ResponseItem[] = []
  for (const raw of output) {
    const item = parseItem(raw)
    if (!item) continue
    budget.set(kind(item), (budget.get(kind(item)) ?? 0) + 1)
    const id = 'id' in item ? item.id : undefined
    let match = id === undefined ? undefined : left.find((s) => !s.used && 'id' in s.item && s.item.id === id)
    if (!match) {
      const key = JSON.stringify(stripId(item))
      match = left.find((s) => !s.used && s.key === key)
    }
    if (match) match.used = true
    else unmatched.push(item)
  }
  for (const s of streamed) budget.set(kind(s), (budget.get(kind(s)) ?? 0) - 1)
  return unmatched.filter((item) => {
    const n = budget.get(kind(item)) ?? 0
    budget.set(kind(item), n - 1)
    return n > 0
  })
}
