// Transport-neutral handling of one response stream: parse each payload through the wire
// schema, track the terminal outcome, hand everything else to the turn.
import {
  ResponseCompleted,
  parseWireEvent,
  type ParsedWireEvent,
  type WireEvent,
  type Usage,
} from '@shared/wire/events'
import { ModelError, mapHttpStatus, mapResponseFailed } from './errors'
import { headerGetter, readResponseMeta, type ResponseMeta } from './headers'
import { parseRetryAfter } from './retry'

export interface StreamSink {
  /** One JSON payload; returns true when the stream is over and reading should stop. */
  data(text: string): boolean
}

export interface Completed {
  responseId: string
  usage: Usage | null
  endTurn: boolean | null
}

/** Receives every non-terminal event of a stream (and the terminal ones, for bookkeeping). */
export interface WireHandler {
  onEvent(ev: WireEvent): void
  /** Header facts carried inside a wrapped WebSocket error frame (rate limits on a 429). */
  onMeta?(meta: ResponseMeta): void
  onUnknown(wireType: string): void
  onMalformed(reason: string, text: string): void
}

export interface StreamObserver {
  /** Called after each payload with its kind and processing time in ms, or -1 when not timed. */
  observe(kind: string, ms: number): void
}

/** Time one payload in this many: two clock reads cost ~7% of handling a token delta. */
const TIMING_STRIDE = 4

/**
 * Tracks one stream. `stopOnFailed` is false for SSE, which keeps reading after
 * `response.failed` until EOF (protocol.md §1.6), and true for WebSocket.
 */
export class StreamTracker implements StreamSink {
  completed: Completed | null = null
  failure: ModelError | null = null
  /** Set once the first output (a delta or an item) arrived: retries must not duplicate it. */
  sawOutput = false
  /** Raw `response.output_item.done` items, for WebSocket incremental requests. */
  readonly doneItems: unknown[] = []

  constructor(
    private readonly handler: WireHandler,
    private readonly observer: StreamObserver | null,
    private readonly stopOnFailed: boolean,
  ) {}

  private seen = 0

  data(text: string): boolean {
    const timed = this.observer !== null && this.seen++ % TIMING_STRIDE === 0
    const t0 = timed ? performance.now() : 0
    const ev = parseWireEvent(text)
    let stop: boolean
    try {
      stop = ev.type === 'error' ? this.wrappedError(ev, text) : this.dispatch(ev)
    } catch (e) {
      return this.handlerFailed(ev.type, e)
    }
    this.observer?.observe(ev.type, timed ? performance.now() - t0 : -1)
    return stop
  }

  /**
   * A handler threw while taking one event (a bug, or a disk error recording an item): the
   * stream ends with a non-retryable error the turn reports, and nothing escapes to the socket's
   * event handler, where it would take the whole process down (issue 11).
   */
  handlerFailed(kind: string, e: unknown): true {
    const message = e instanceof Error ? e.message : String(e)
    this.completed = null
    this.failure = new ModelError(`internal error handling ${kind}: ${message}`, 'internal', false)
    return true
  }

  /** For transports that already parsed JSON (none today) or synthetic events. */
  dispatch(ev: ParsedWireEvent): boolean {
    switch (ev.type) {
      case 'response.output_text.delta':
        this.sawOutput = true
        this.handler.onEvent(ev)
        return false
      case 'malformed':
        this.handler.onMalformed(ev.reason, ev.text)
        return false
      case 'unknown':
        this.handler.onUnknown(ev.wireType)
        return false
      case 'response.completed': {
        const r = ResponseCompleted.safeParse(ev.response)
        if (!r.success) {
          this.failure = new ModelError(
            `failed to parse ResponseCompleted: ${r.error.issues[0]?.message ?? 'invalid'}`,
            'malformed_event',
            true,
          )
          return true
        }
        this.handler.onEvent(ev)
        this.completed = {
          responseId: r.data.id,
          usage: r.data.usage ?? null,
          endTurn: r.data.end_turn ?? null,
        }
        return true
      }
      case 'response.failed':
        this.handler.onEvent(ev)
        this.failure = mapResponseFailed(ev.response.error)
        return this.stopOnFailed
      case 'response.incomplete': {
        this.handler.onEvent(ev)
        const reason = ev.response.incomplete_details?.reason ?? 'unknown'
        this.failure = new ModelError(
          `Incomplete response returned, reason: ${reason}`,
          'response_incomplete',
          false,
        )
        return true
      }
      case 'response.output_item.done':
        this.doneItems.push(ev.item)
        this.handler.onEvent(ev)
        return false
      case 'response.output_item.added':
      case 'response.reasoning_summary_text.delta':
        this.sawOutput = true
        this.handler.onEvent(ev)
        return false
      default:
        this.handler.onEvent(ev)
        return false
    }
  }

  /** A wrapped WebSocket error frame (protocol.md §1.7); unmapped ones are ignored. */
  private wrappedError(ev: Extract<WireEvent, { type: 'error' }>, text: string): boolean {
    const body = (typeof ev.error === 'object' && ev.error !== null ? ev.error : {}) as {
      code?: unknown
      message?: unknown
    }
    if (body.code === 'websocket_connection_limit_reached') {
      const message =
        typeof body.message === 'string' && body.message
          ? body.message
          : 'Responses websocket connection limit reached (60 minutes). Create a new websocket connection to continue.'
      this.failure = new ModelError(message, 'transport', true, { newSocket: true })
      return true
    }
    const status = ev.status ?? ev.status_code
    if (status === undefined || (status >= 200 && status < 300)) {
      this.handler.onEvent(ev)
      return false
    }
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(ev.headers ?? {})) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        headers[k.toLowerCase()] = String(v)
    }
    const get = headerGetter(headers)
    this.handler.onMeta?.(readResponseMeta(get, Object.keys(headers)))
    this.failure = mapHttpStatus(status, text, parseRetryAfter(get('retry-after')))
    return true
  }

  /** The stream ended (EOF / close); what it amounts to. */
  outcome(closedMessage = 'stream closed before response.completed'): Completed {
    if (this.completed) return this.completed
    if (this.failure) throw this.failure
    throw new ModelError(closedMessage, 'stream_closed', true)
  }
}
