// A conversation's current path as export entries: each thing shown as what it is — a question,
// an answer (with its sources), a reasoning header and summary, a notice, a tool call, an error.
import type { Conversation, TurnRecord } from '@shared/history'
import { messageText, type MessageItem, type ResponseItem } from '@shared/wire/items'
import { UrlCitation } from '@shared/wire/tools'
import { splitReasoningBlock } from '@shared/reasoning'

export interface Source {
  url: string
  title: string
}

export type Entry =
  /** `attached`: the names of what came with the message (`image` for a picture). */
  | { kind: 'user'; turnId: string; text: string; attached: string[] }
  | {
      kind: 'assistant'
      turnId: string
      text: string
      partial: boolean
      commentary: boolean
      sources: Source[]
    }
  | { kind: 'reasoning'; turnId: string; header: string; body: string }
  | { kind: 'notice'; turnId: string; text: string }
  | { kind: 'tool'; turnId: string; name: string; arguments: string; output: string | null; status: string }
  | { kind: 'error'; turnId: string; text: string }
  | { kind: 'compacted'; turnId: string; text: string }

const WARNING = 'Warning: '

export function entriesOf(c: Conversation): Entry[] {
  const out: Entry[] = []
  const turns = new Map<string, TurnRecord>()
  for (const t of c.turns) turns.set(t.turnId, t)
  const compactedAt = new Set((c.compactions ?? []).map((k) => k.replacesItems))
  const tools = new Map<string, Extract<Entry, { kind: 'tool' }>>()
  let current: string | null = null
  const endTurn = () => {
    const t = current ? turns.get(current) : undefined
    if (t?.status === 'failed')
      out.push({ kind: 'error', turnId: t.turnId, text: t.error ?? 'The request failed.' })
    if (t?.status === 'interrupted')
      out.push({ kind: 'notice', turnId: t.turnId, text: 'Stopped by the user.' })
  }
  c.items.forEach((rec, i) => {
    if (compactedAt.has(i) && i > 0)
      out.push({
        kind: 'compacted',
        turnId: rec.turnId,
        text: 'Earlier messages are summarized for the model',
      })
    if (rec.turnId !== current) {
      endTurn()
      current = rec.turnId
    }
    const e = entryOf(rec.turnId, rec.item, rec.partial === true)
    if (!e) return
    if (e.kind === 'tool' && rec.item.type === 'function_call') tools.set(rec.item.call_id, e)
    if (rec.item.type === 'function_call_output') {
      const call = tools.get(rec.item.call_id)
      if (call) {
        call.output = typeof rec.item.output === 'string' ? rec.item.output : JSON.stringify(rec.item.output)
        call.status = rec.tool?.status ?? 'ok'
      }
      return
    }
    out.push(e)
  })
  endTurn()
  return out
}

function attachedNames(item: MessageItem): string[] {
  const out: string[] = []
  for (const p of item.content)
    if (p.type === 'input_image') out.push('image')
    else if (p.type === 'input_file') out.push(p.filename || 'file')
  return out
}

function entryOf(turnId: string, item: ResponseItem, partial: boolean): Entry | null {
  switch (item.type) {
    case 'message': {
      const text = messageText(item)
      if (item.role === 'user')
        return text.startsWith(WARNING)
          ? { kind: 'notice', turnId, text: text.slice(WARNING.length) }
          : { kind: 'user', turnId, text, attached: attachedNames(item) }
      if (item.role !== 'assistant') return null
      return {
        kind: 'assistant',
        turnId,
        text,
        partial,
        commentary: item.phase === 'commentary',
        sources: sourcesOf(item),
      }
    }
    case 'reasoning': {
      const cell = splitReasoningBlock(item.summary.map((s) => s.text).join('\n\n'))
      return cell
        ? { kind: 'reasoning', turnId, header: cell.header.replace(/^\*\*|\*\*$/g, ''), body: cell.body }
        : null
    }
    case 'function_call':
      return {
        kind: 'tool',
        turnId,
        name: item.name,
        arguments: item.arguments,
        output: null,
        status: 'interrupted',
      }
    case 'function_call_output':
      return { kind: 'tool', turnId, name: '', arguments: '', output: null, status: 'ok' }
    default:
      return null
  }
}

function sourcesOf(item: Extract<ResponseItem, { type: 'message' }>): Source[] {
  const seen = new Set<string>()
  const out: Source[] = []
  for (const part of item.content) {
    if (part.type !== 'output_text' || !Array.isArray(part.annotations)) continue
    for (const a of part.annotations as unknown[]) {
      const c = UrlCitation.safeParse(a)
      if (!c.success || seen.has(c.data.url)) continue
      seen.add(c.data.url)
      out.push({ url: c.data.url, title: c.data.title || c.data.url })
    }
  }
  return out
}
