// The model input of a stored conversation: the last compaction record's replacement followed by
// the item records it does not cover (shared/history.ts CompactionRecord). The transcript itself
// (every item) is what the window, search and export read; only the model input is rebuilt here.
import type { CompactionRecord, Conversation } from '@shared/history'
import { messageText, type ResponseItem } from '@shared/wire/items'
import { answerOpenCalls } from './tool-pairs'
import type { TurnAttachment } from '@shared/attachments'
import { turnAttachmentsOf } from '../attachments/compose'

export interface RebuiltInput {
  items: ResponseItem[]
  /** Tokens of `items` as the service last counted them; null when unknown (estimate instead). */
  knownTokens: number | null
  /** The last turn failed: its message and how many trailing items of `items` it added. */
  failedTail: { text: string; attachments: TurnAttachment[]; items: number } | null
}

export function lastCompaction(c: Conversation): CompactionRecord | null {
  return c.compactions?.at(-1) ?? null
}

export function rebuildModelInput(c: Conversation): RebuiltInput {
  const last = lastCompaction(c)
  const from = last ? Math.min(last.replacesItems, c.items.length) : 0
  const items: ResponseItem[] = last ? last.replacement.slice() : []
  for (let i = from; i < c.items.length; i++) items.push(c.items[i]!.item)
  const lastTurn = c.turns.at(-1)
  // A usage total describes the input only when it came after the last compaction.
  const usage = lastTurn?.usage && (!last || lastTurn.at >= last.at) ? lastTurn.usage.total_tokens : null
  // A crash while a call ran or waited for approval left it unanswered; the service rejects that.
  const tail = failedTail(c, from)
  const split = items.length - (tail?.items ?? 0)
  const rest = answerOpenCalls(items.slice(split))
  const all = [...answerOpenCalls(items.slice(0, split)), ...rest]
  return { items: all, knownTokens: usage, failedTail: tail && { ...tail, items: rest.length } }
}

function failedTail(c: Conversation, from: number): RebuiltInput['failedTail'] {
  const lastTurn = c.turns.at(-1)
  if (lastTurn?.status !== 'failed') return null
  let n = 0
  let message: { text: string; attachments: TurnAttachment[] } | null = null
  for (let i = c.items.length - 1; i >= from && c.items[i]!.turnId === lastTurn.turnId; i--) {
    n++
    const item = c.items[i]!.item
    if (item.type === 'message' && item.role === 'user' && !messageText(item).startsWith('Warning: '))
      message = { text: messageText(item), attachments: turnAttachmentsOf(item) }
  }
  // Nothing to send again: no text and nothing attached.
  if (!message || (!message.text.trim() && message.attachments.length === 0)) return null
  return { ...message, items: n }
}
