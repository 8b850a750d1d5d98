// What the conversation view shows, as rows: built from stored history (a reopened conversation)
// and from finished live turns. Pure, so it is unit-tested without a DOM.
import type { Conversation, TurnRecord } from '@shared/history'
import { messageText, type Phase } from '@shared/wire/items'
import { splitReasoningBlock } from '@shared/reasoning'
import { attachmentsOf, type AttachmentChip } from '../attachments/chips'
import type { Citation } from '@shared/tools'
import { storedCitations } from './citations'
import { storedCallRow, withStoredOutput, type ToolRow } from './tool-rows'
import { tr } from '../i18n/intl'

export interface Reroute {
  requested: string
  served: string
}

export type Row =
  | {
      kind: 'user'
      id: string
      text: string
      attachments?: AttachmentChip[] | undefined
      siblings?: string[]
    }
  | { kind: 'assistant'; id: string; text: string; phase?: Phase; partial?: boolean; citations?: Citation[] }
  | { kind: 'reasoning'; id: string; header: string; body: string }
  | { kind: 'notice'; id: string; text: string; reroute?: Reroute }
  | { kind: 'error'; id: string; message: string; code?: string; retryText?: string }
  | ToolRow
  | { kind: 'divider'; id: string; text: string }

/** Where the model's context was compacted: everything above stays in the transcript. */
export const COMPACTED_TEXT = 'Earlier messages are summarized for the model'

export const WARNING_PREFIX = 'Warning: '

/** The engine's reroute warning names both models (main/core/reroute.ts); read them back. */
export function parseReroute(text: string): Reroute | undefined {
  const m = /routed to (\S+?) as a fallback\. To regain access to (\S+?),/.exec(text)
  return m ? { served: m[1]!, requested: m[2]! } : undefined
}

export function noticeRow(id: string, text: string): Row {
  const reroute = parseReroute(text)
  return reroute ? { kind: 'notice', id, text, reroute } : { kind: 'notice', id, text }
}

/** Stored items → rows, leaving out turns that are shown live (`skip`). */
export function historyRows(conversation: Conversation, skip: ReadonlySet<string> = new Set()): Row[] {
  const rows: Row[] = []
  const turns = new Map<string, TurnRecord>()
  for (const t of conversation.turns) turns.set(t.turnId, t)
  let current: string | null = null
  let question: string | undefined
  let n = 0
  const endTurn = () => {
    const t = current ? turns.get(current) : undefined
    if (t?.status === 'failed')
      rows.push({
        kind: 'error',
        id: `${t.turnId}:err`,
        message: t.error ?? tr('error.requestFailedDot'),
        ...(question ? { retryText: question } : {}),
      })
  }
  // Item index → compaction ids: a divider goes before the first item a compaction did not replace.
  const dividers = new Map<number, string>()
  for (const c of conversation.compactions ?? []) dividers.set(c.replacesItems, c.id)
  const divider = (i: number) => {
    const id = dividers.get(i)
    if (id === undefined) return
    endTurn()
    current = null
    rows.push({ kind: 'divider', id: `${id}:d`, text: COMPACTED_TEXT })
  }
  for (let i = 0; i < conversation.items.length; i++) {
    const rec = conversation.items[i]!
    divider(i)
    if (skip.has(rec.turnId)) continue
    if (rec.turnId !== current) {
      endTurn()
      current = rec.turnId
      question = undefined
    }
    const id = `${rec.turnId}:${n++}`
    const item = rec.item
    if (item.type === 'message') {
      const text = messageText(item)
      if (item.role === 'user') {
        if (text.startsWith(WARNING_PREFIX)) rows.push(noticeRow(id, text.slice(WARNING_PREFIX.length)))
        else {
          question ??= text
          const attachments = attachmentsOf(item)
          const siblings = conversation.branches?.siblings[rec.turnId]
          rows.push({
            kind: 'user',
            id,
            text,
            ...(attachments ? { attachments } : {}),
            ...(siblings ? { siblings } : {}),
          })
        }
      } else if (item.role === 'assistant') {
        const citations = storedCitations(item)
        rows.push({
          kind: 'assistant',
          id,
          text,
          ...(item.phase ? { phase: item.phase } : {}),
          ...(rec.partial ? { partial: true } : {}),
          ...(citations.length > 0 ? { citations } : {}),
        })
      }
    } else if (item.type === 'reasoning') {
      // protocol.md §9 rule 2: only a block with a bold header and a body is shown.
      const cell = splitReasoningBlock(item.summary.map((s) => s.text).join('\n\n'))
      if (cell) rows.push({ kind: 'reasoning', id, header: cell.header, body: cell.body })
    } else if (item.type === 'function_call') {
      rows.push(storedCallRow(id, item))
    } else if (item.type === 'function_call_output') {
      const i = rows.findIndex((r) => r.kind === 'tool' && r.callId === item.call_id)
      if (i >= 0) rows[i] = withStoredOutput(rows[i] as ToolRow, item.output, rec.tool)
    }
  }
  endTurn()
  current = null
  divider(conversation.items.length)
  return rows
}

/** The question of a turn still running (its answer comes from events, not history). */
export function questionOf(conversation: Conversation, turnId: string): string | null {
  for (const rec of conversation.items)
    if (rec.turnId === turnId && rec.item.type === 'message' && rec.item.role === 'user') {
      const text = messageText(rec.item)
      if (!text.startsWith(WARNING_PREFIX)) return text
    }
  return null
}

/** Tokens in the context after the last turn that reported usage. */
export function lastUsage(conversation: Conversation): number | null {
  for (let i = conversation.turns.length - 1; i >= 0; i--) {
    const u = conversation.turns[i]!.usage
    if (u) return u.total_tokens
  }
  return null
}

/** The turn a row belongs to: row ids are `turnId:n` (stored) or `turnId:pn` (live). */
export function turnOfRow(id: string): string | null {
  const i = id.lastIndexOf(':')
  const t = i > 0 ? id.slice(0, i) : ''
  return /^[0-9a-f-]{36}$/i.test(t) ? t : null
}
