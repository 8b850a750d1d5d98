// ModelClient: builds requests, picks the transport (WebSocket preferred, SSE fallback), retries
// with backoff. A per-turn ModelTurnSession owns the sticky `x-codex-turn-state` value and dies
// with the turn; WebSocket connections belong to the conversation and outlive turns.
import type { ResponsesRequest } from '@shared/wire/request'
import { ModelError, isModelError } from './errors'
import { streamHttp } from './sse'
import { StreamTracker, type Completed, type StreamObserver, type WireHandler } from './stream'
import { backoffMs, sleep } from './retry'
import type { ResponseMeta } from './headers'
import { ResponsesSocket, RESPONSES_WS_BETA } from './websocket'
import { WsConversation } from './ws-conversation'
import { encodeBody } from './compression'
import { joinUrl, mergeHeaders, toWebSocketUrl, type Provider } from '../provider'
import type { Logger } from '../log'

export type TransportSetting = 'auto' | 'websocket' | 'sse'

export interface ClientOptions {
  provider: Provider
  logger: Logger
  defaultHeaders: Record<string, string>
  idleTimeoutMs: number
  requestMaxRetries: number
  streamMaxRetries: number
  /** A server-suggested wait longer than this is not waited out: the error surfaces. */
  maxRetryDelayMs: number
  transport: TransportSetting
  /** The `enable_request_compression` setting (protocol.md §7). */
  compression: boolean
  random?: () => number
  /** First backoff step (200 ms in production; tests shorten it). */
  retryBaseDelayMs?: number
}

export interface TurnStreamHandler extends WireHandler {
  onMeta(meta: ResponseMeta): void
  /** A new attempt starts (the first, or a retry). */
  onAttemptStart(attempt: number): void
  onRetry(attempt: number, max: number, delayMs: number, error: ModelError): void
  onFallback(message: string): void
}

export interface TransportAttempt {
  transport: 'sse' | 'websocket'
  requestMs: number
  bytesIn: number
  bytesOut: number
  bytesOutUncompressed: number
}

export interface TransportObserver extends StreamObserver {
  attempt(a: TransportAttempt): void
  handshake(ms: number): void
}

export class AbortedError extends Error {
  constructor() {
    super('interrupted')
    this.name = 'AbortedError'
  }
}

export class ModelClient {
  /** One-way, sticky for the rest of the session (protocol.md §1.6). */
  private fallenBack = false
  private readonly sockets = new Map<string, WsConversation>()

  constructor(readonly opts: ClientOptions) {}

  newTurnSession(conversationId: string): ModelTurnSession {
    let ws = this.sockets.get(conversationId)
    if (!ws) this.sockets.set(conversationId, (ws = new WsConversation()))
    return new ModelTurnSession(this, conversationId, ws)
  }

  get wsEligible(): boolean {
    return this.opts.provider.supportsWebsockets && this.opts.transport !== 'sse' && !this.fallenBack
  }

  /** Switch the session to HTTP; true only the first time. */
  fallBack(): boolean {
    if (this.fallenBack) return false
    this.fallenBack = true
    for (const ws of this.sockets.values()) ws.discard()
    return true
  }

  closeConversation(id: string): void {
    this.sockets.get(id)?.discard()
    this.sockets.delete(id)
  }

  close(): void {
    for (const id of [...this.sockets.keys()]) this.closeConversation(id)
  }
}

export class ModelTurnSession {
  /** Write-once per turn (protocol.md §6). */
  turnState: string | null = null

  constructor(
    private readonly client: ModelClient,
    private readonly conversationId: string,
    private readonly ws: WsConversation,
  ) {}

  private get opts(): ClientOptions {
    return this.client.opts
  }

  captureTurnState(value: string | null): void {
    if (value && this.turnState === null) this.turnState = value
  }

  /** Headers of a request in this turn (auth, session, turn state); also for `/responses/compact`. */
  async headers(defaults: Record<string, string>): Promise<Record<string, string>> {
    const extra: Record<string, string> = { session_id: this.conversationId }
    if (this.turnState) extra['x-codex-turn-state'] = this.turnState
    return mergeHeaders(
      this.opts.provider.headers,
      extra,
      { ...this.opts.defaultHeaders, ...defaults },
      await this.opts.provider.auth.headers(),
    )
  }

  /** Run one model request to completion, retrying and falling back as the spec says. */
  async stream(
    body: ResponsesRequest,
    handler: TurnStreamHandler,
    signal: AbortSignal,
    observer: TransportObserver | null,
  ): Promise<Completed> {
    const p = this.opts.provider
    let httpBody: Awaited<ReturnType<typeof encodeBody>> | null = null
    let requestRetries = 0
    let streamRetries = 0
    let refreshed = false
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw new AbortedError()
      handler.onAttemptStart(attempt)
      const useWs = this.client.wsEligible
      const tracker = new StreamTracker(handler, observer, useWs)
      try {
        if (useWs) return await this.attemptWs(body, tracker, handler, signal, observer)
        httpBody ??= await encodeBody(body, this.opts.compression, p, this.opts.logger)
        return await this.attemptHttp(httpBody, tracker, handler, signal, observer)
      } catch (e) {
        if (signal.aborted || e instanceof AbortedError) throw new AbortedError()
        const err = isModelError(e)
          ? e
          : new ModelError(String((e as Error)?.message ?? e), 'internal', false)
        if (err.code === 'unauthorized' && !refreshed && p.auth.refresh) {
          refreshed = true
          if (await p.auth.refresh()) continue
        }
        const canFallBack = useWs && this.opts.transport === 'auto'
        if (canFallBack && err.extra.httpStatus === 426) {
          this.fallBack(handler, err)
          continue
        }
        if (!err.retryable) throw err
        const inStream = tracker.sawOutput || err.code === 'stream_closed' || err.code === 'idle_timeout'
        const max = inStream ? this.opts.streamMaxRetries : this.opts.requestMaxRetries
        const used = inStream ? ++streamRetries : ++requestRetries
        if (used > max) {
          if (!canFallBack) throw err
          this.fallBack(handler, err)
          requestRetries = 0
          streamRetries = 0
          continue
        }
        const delay = err.extra.delayMs ?? backoffMs(used, this.opts.random, this.opts.retryBaseDelayMs)
        if (delay > this.opts.maxRetryDelayMs) throw err
        handler.onRetry(used, max, delay, err)
        this.opts.logger.log('warn', 'retrying model request', {
          attempt: used,
          max,
          delay_ms: delay,
          error: err.message,
        })
        try {
          await sleep(delay, signal)
        } catch {
          throw new AbortedError()
        }
      }
    }
  }

  private fallBack(handler: TurnStreamHandler, err: ModelError): void {
    if (!this.client.fallBack()) return
    const message = `Falling back from WebSockets to HTTPS transport. ${err.message}`
    this.opts.logger.log('warn', message, {
      counter: 'codex.transport.fallback_to_http',
      from_wire_api: 'responses_websocket',
    })
    handler.onFallback(message)
  }

  private async attemptHttp(
    encoded: Awaited<ReturnType<typeof encodeBody>>,
    tracker: StreamTracker,
    handler: TurnStreamHandler,
    signal: AbortSignal,
    observer: TransportObserver | null,
  ): Promise<Completed> {
    const p = this.opts.provider
    const url = joinUrl(p.baseUrl, 'responses', p.queryParams)
    const info = await streamHttp(
      {
        url,
        headers: await this.headers({
          Accept: 'text/event-stream',
          'Content-Type': 'application/json',
          ...encoded.headers,
        }),
        body: encoded.bytes,
        signal,
        idleTimeoutMs: this.opts.idleTimeoutMs,
        agent: p.agent?.(new URL(url)),
      },
      (meta) => {
        this.captureTurnState(meta.turnState)
        handler.onMeta(meta)
      },
      tracker,
    )
    observer?.attempt({
      transport: 'sse',
      requestMs: info.requestMs,
      bytesIn: info.bytesIn,
      bytesOut: encoded.bytes.byteLength,
      bytesOutUncompressed: encoded.uncompressedBytes,
    })
    if (signal.aborted) throw new AbortedError()
    return tracker.outcome()
  }

  private async attemptWs(
    body: ResponsesRequest,
    tracker: StreamTracker,
    handler: TurnStreamHandler,
    signal: AbortSignal,
    observer: TransportObserver | null,
  ): Promise<Completed> {
    const p = this.opts.provider
    let socket = this.ws.socket
    if (!socket || !socket.usable) {
      this.ws.discard()
      const url = toWebSocketUrl(joinUrl(p.baseUrl, 'responses', p.queryParams))
      // Ask for server timing (`responsesapi.websocket_timing`); it feeds the telemetry summary.
      const extra = { 'OpenAI-Beta': RESPONSES_WS_BETA, 'x-responsesapi-include-timing-metrics': 'true' }
      const hs = await ResponsesSocket.connect(url, await this.headers(extra), {
        idleTimeoutMs: this.opts.idleTimeoutMs,
        signal,
        ...(p.agent ? { agent: p.agent(new URL(url.replace(/^ws/, 'http'))) } : {}),
      })
      observer?.handshake(hs.handshakeMs)
      this.captureTurnState(hs.meta.turnState)
      socket = this.ws.adopt(hs.socket, hs.meta)
    }
    // Handshake facts are re-emitted at the start of every stream on the connection.
    handler.onMeta({ ...this.ws.handshakeMeta, rateLimits: [], turnState: null })
    const frame = this.ws.frameFor(body)
    const started = performance.now()
    try {
      const { bytesIn } = await socket.request(frame, tracker, signal)
      observer?.attempt({
        transport: 'websocket',
        requestMs: performance.now() - started,
        bytesIn,
        bytesOut: Buffer.byteLength(frame),
        bytesOutUncompressed: Buffer.byteLength(frame),
      })
      const done = tracker.outcome('websocket closed by server before response.completed')
      this.ws.remember(body, done.responseId, tracker.doneItems)
      return done
    } catch (e) {
      this.ws.discard()
      throw e
    }
  }
}
