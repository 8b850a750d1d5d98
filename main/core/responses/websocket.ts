// Responses API over WebSocket (protocol.md §1.4–1.7): one socket per conversation, one request
// in flight per socket, handshake-derived facts re-emitted at the start of every stream.
import WebSocket from 'ws'
import type { Agent } from 'node:http'
import { ModelError, mapHttpStatus } from './errors'
import { emptyMeta, headerGetter, readResponseMeta, type ResponseMeta } from './headers'
import { parseRetryAfter } from './retry'
import type { StreamTracker } from './stream'
import { MAX_SSE_FRAME_CHARS } from './sse-parser'

export const RESPONSES_WS_BETA = 'responses_websockets=2026-02-06'
export const CONNECT_TIMEOUT_MS = 15_000

export interface Handshake {
  socket: ResponsesSocket
  meta: ResponseMeta
  handshakeMs: number
}

interface Pending {
  tracker: StreamTracker
  resolve: (bytesIn: number) => void
  reject: (e: ModelError) => void
  bytesIn: number
  timer: NodeJS.Timeout | undefined
}

export class ResponsesSocket {
  private pending: Pending | null = null
  private dead = false

  private constructor(
    private readonly ws: WebSocket,
    private readonly idleTimeoutMs: number,
  ) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      // Nothing thrown while handling one frame may escape to the process (issue 11).
      try {
        this.onMessage(data, isBinary)
      } catch (e) {
        this.finish(
          new ModelError(`internal error reading the stream: ${(e as Error)?.message}`, 'internal', false),
        )
      }
    })
    ws.on('close', () =>
      this.onGone(
        new ModelError('websocket closed by server before response.completed', 'stream_closed', true),
      ),
    )
    ws.on('error', (e) => this.onGone(new ModelError(`websocket error: ${e.message}`, 'transport', true)))
  }

  /** Open the socket; a refused upgrade becomes an HTTP-style error (426 means "use HTTP"). */
  static connect(
    url: string,
    headers: Record<string, string>,
    opts: { idleTimeoutMs: number; agent?: Agent; signal: AbortSignal; connectTimeoutMs?: number },
  ): Promise<Handshake> {
    return new Promise((resolve, reject) => {
      const started = performance.now()
      let meta: ResponseMeta | null = null
      const ws = new WebSocket(url, {
        headers,
        perMessageDeflate: true,
        // The same cap on one event as over SSE.
        maxPayload: MAX_SSE_FRAME_CHARS,
        handshakeTimeout: opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
        ...(opts.agent ? { agent: opts.agent } : {}),
      })
      const onAbort = () => {
        ws.terminate()
        reject(new ModelError('request aborted', 'transport', false))
      }
      opts.signal.addEventListener('abort', onAbort, { once: true })
      const done = () => opts.signal.removeEventListener('abort', onAbort)
      ws.on('upgrade', (res) => {
        meta = readResponseMeta(headerGetter(res.headers), Object.keys(res.headers))
      })
      ws.on('unexpected-response', (_req, res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          done()
          const status = res.statusCode ?? 0
          const err = mapHttpStatus(
            status,
            Buffer.concat(chunks).toString('utf8'),
            parseRetryAfter(res.headers['retry-after']),
          )
          ws.terminate()
          reject(
            status === 426
              ? new ModelError(`websocket upgrade refused (HTTP 426)`, 'transport', false, {
                  httpStatus: 426,
                })
              : new ModelError(
                  `websocket handshake failed: ${err.message}`,
                  err.code,
                  err.code !== 'unauthorized',
                  err.extra,
                ),
          )
        })
      })
      ws.once('open', () => {
        done()
        const socket = new ResponsesSocket(ws, opts.idleTimeoutMs)
        resolve({ socket, meta: meta ?? emptyMeta(), handshakeMs: performance.now() - started })
      })
      ws.once('error', (e) => {
        done()
        reject(new ModelError(`websocket connect failed: ${e.message}`, 'transport', true))
      })
    })
  }

  get usable(): boolean {
    return !this.dead && this.ws.readyState === WebSocket.OPEN
  }

  get busy(): boolean {
    return this.pending !== null
  }

  /**
   * Send one request frame and feed every reply to the tracker until it says the stream is
   * over. Resolves with the bytes received; rejects on close, error, binary frames, timeouts.
   */
  request(
    frame: string,
    tracker: StreamTracker,
    signal: AbortSignal,
  ): Promise<{ bytesIn: number; sendMs: number }> {
    if (this.pending)
      return Promise.reject(
        new ModelError('a request is already in flight on this socket', 'internal', false),
      )
    return new Promise((resolve, reject) => {
      const sendStarted = performance.now()
      let sendMs = 0
      const onAbort = () => {
        this.terminate()
        fail(new ModelError('request aborted', 'transport', false))
      }
      const fail = (e: ModelError) => {
        signal.removeEventListener('abort', onAbort)
        reject(e)
      }
      const p: Pending = {
        tracker,
        bytesIn: 0,
        timer: undefined,
        resolve: (bytesIn) => {
          signal.removeEventListener('abort', onAbort)
          resolve({ bytesIn, sendMs })
        },
        reject: fail,
      }
      this.pending = p
      signal.addEventListener('abort', onAbort, { once: true })
      this.arm('idle timeout sending websocket request')
      this.ws.send(frame, (err) => {
        if (err)
          return this.finish(new ModelError(`websocket send failed: ${err.message}`, 'transport', true))
        sendMs = performance.now() - sendStarted
        if (this.pending === p) this.arm('idle timeout waiting for websocket')
      })
    })
  }

  private arm(what: string): void {
    const p = this.pending
    if (!p) return
    clearTimeout(p.timer)
    p.timer = setTimeout(() => this.finish(new ModelError(what, 'idle_timeout', true)), this.idleTimeoutMs)
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    const p = this.pending
    if (!p) return
    p.bytesIn += data.length
    if (isBinary)
      return this.finish(new ModelError('unexpected binary websocket event', 'malformed_event', true))
    if (p.tracker.data(data.toString('utf8'))) {
      // A terminal error frame discards the socket; a completed stream leaves it open for reuse.
      return this.finish(p.tracker.completed ? null : (p.tracker.failure ?? null))
    }
    this.arm('idle timeout waiting for websocket')
  }

  private onGone(err: ModelError): void {
    this.dead = true
    if (this.pending) this.finish(err)
  }

  private finish(err: ModelError | null): void {
    const p = this.pending
    if (!p) return
    this.pending = null
    clearTimeout(p.timer)
    if (err) {
      this.terminate()
      p.reject(err)
    } else p.resolve(p.bytesIn)
  }

  /** Discard at once, without a close handshake (protocol.md §1.6). */
  terminate(): void {
    this.dead = true
    this.ws.terminate()
  }

  close(): void {
    this.dead = true
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000)
    else this.ws.terminate()
  }
}
