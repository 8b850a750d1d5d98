// A voice conversation started in an existing chat gets that chat as context: its messages are
// appended to the session's instructions (both dialects take instructions; no extra wire items),
// newest last and cut from the oldest side to a budget.
import type { Conversation } from '@shared/history'
import { messageText } from '@shared/wire/items'

/** Characters of the conversation kept (about 3,000 tokens). */
export const HISTORY_CONTEXT_CHARS = 12_000

export function historyContext(
  conversation: Conversation | null | undefined,
  budget = HISTORY_CONTEXT_CHARS,
): string {
  if (!conversation) return ''
  const lines: string[] = []
  let used = 0
  for (let i = conversation.items.length - 1; i >= 0 && used < budget; i--) {
    const item = conversation.items[i]!.item
    if (item.type !== 'message' || (item.role !== 'user' && item.role !== 'assistant')) continue
    const text = messageText(item).trim()
    if (!text) continue
    const line = `${item.role === 'user' ? 'User' : 'Assistant'}: ${text}`
    const room = budget - used
    lines.push(line.length > room ? `${line.slice(0, room)}…` : line)
    used += line.length + 1
  }
  if (lines.length === 0) return ''
  return `\n\nThe conversation so far (continue it by voice):\n${lines.reverse().join('\n')}`
}
