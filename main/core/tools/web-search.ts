// Wraps a turn's stream handler for one round: reports hosted web search progress and collects
// `url_citation` annotations, which are merged into the message item (so history keeps them)
// and announced as `message_citations` once the message is done.
import type { EngineEvent } from '@shared/events'
import type { Citation } from '@shared/tools'
import { UrlCitation } from '@shared/wire/tools'
import type { WireEvent } from '@shared/wire/events'
import type { TurnStreamHandler } from '../responses/client'
import type { ModelError } from '../responses/errors'
import type { ResponseMeta } from '../responses/headers'

type Ids = { conversationId: string; turnId: string }
type Raw = Record<string, unknown>

export class ToolStreamHandler implements TurnStreamHandler {
  /** Annotations per message item id and content index, from `annotation.added` events. */
  private annotations = new Map<string, Map<number, unknown[]>>()

  constructor(
    private readonly inner: TurnStreamHandler,
    private readonly ids: Ids,
    private readonly emit: (e: EngineEvent) => void,
  ) {}

  onMeta(meta: ResponseMeta): void {
    this.inner.onMeta(meta)
  }
  onAttemptStart(attempt: number): void {
    this.annotations = new Map()
    this.inner.onAttemptStart(attempt)
  }
  onRetry(attempt: number, max: number, delayMs: number, error: ModelError): void {
    this.inner.onRetry(attempt, max, delayMs, error)
  }
  onFallback(message: string): void {
    this.inner.onFallback(message)
  }
  onUnknown(wireType: string): void {
    this.inner.onUnknown(wireType)
  }
  onMalformed(reason: string, text: string): void {
    this.inner.onMalformed(reason, text)
  }

  onEvent(ev: WireEvent): void {
    switch (ev.type) {
      case 'response.output_text.delta':
        return this.inner.onEvent(ev)
      case 'response.web_search_call.in_progress':
      case 'response.web_search_call.searching':
      case 'response.web_search_call.completed': {
        const status = ev.type.slice('response.web_search_call.'.length) as 'in_progress'
        return this.emit({ type: 'web_search', ...this.ids, itemId: ev.item_id, status })
      }
      case 'response.output_text.annotation.added': {
        let byPart = this.annotations.get(ev.item_id)
        if (!byPart) this.annotations.set(ev.item_id, (byPart = new Map()))
        const list = byPart.get(ev.content_index) ?? []
        list.push(ev.annotation)
        byPart.set(ev.content_index, list)
        return
      }
      case 'response.output_item.added':
        this.onSearchItem(ev.item, false)
        return this.inner.onEvent(ev)
      case 'response.output_item.done': {
        if (this.onSearchItem(ev.item, true)) return this.inner.onEvent(ev)
        const citations = this.mergeAnnotations(ev.item)
        this.inner.onEvent(ev)
        if (citations.length > 0) this.emit({ type: 'message_citations', ...this.ids, citations })
        return
      }
      default:
        return this.inner.onEvent(ev)
    }
  }

  /** A `web_search_call` item: report it with its query. True when it was one. */
  private onSearchItem(item: unknown, done: boolean): boolean {
    const it = item as Raw | null
    if (!it || it.type !== 'web_search_call' || typeof it.id !== 'string') return false
    const action = (it.action ?? {}) as Raw
    const query = typeof action.query === 'string' ? action.query : undefined
    const status = done ? (it.status === 'failed' ? 'failed' : 'completed') : 'in_progress'
    this.emit({ type: 'web_search', ...this.ids, itemId: it.id, status, ...(query ? { query } : {}) })
    return true
  }

  /** Fill streamed annotations into an assistant message that arrived without them; list its citations. */
  private mergeAnnotations(item: unknown): Citation[] {
    const it = item as Raw | null
    if (!it || it.type !== 'message' || !Array.isArray(it.content)) return []
    const streamed = typeof it.id === 'string' ? this.annotations.get(it.id) : undefined
    const out: Citation[] = []
    ;(it.content as Raw[]).forEach((part, i) => {
      if (part?.type !== 'output_text') return
      const own = Array.isArray(part.annotations) ? (part.annotations as unknown[]) : []
      const extra = streamed?.get(i)
      if (own.length === 0 && extra && extra.length > 0) part.annotations = extra
      for (const a of (part.annotations as unknown[] | undefined) ?? []) {
        const c = UrlCitation.safeParse(a)
        if (c.success)
          out.push({
            url: c.data.url,
            title: c.data.title ?? c.data.url,
            start: c.data.start_index,
            end: c.data.end_index,
          })
      }
    })
    return out
  }
}
