// The realtime WebSocket: connects, sends the session configuration first, then drains bounded
// outbound queues (protocol.md §10.1: text before inbound before audio), and hands every inbound
// frame to the dialect parser. It knows nothing about conversations or history.
import WebSocket from 'ws'
import type { Agent } from 'node:http'
import type { ErrorCode } from '@shared/events'
import type { RealtimeDialect } from '@shared/realtime'
import { mapHttpStatus } from '../responses/errors'
import { parseInbound, type Inbound } from './translate'

export const AUDIO_QUEUE_FRAMES = 256
export const TEXT_QUEUE_FRAMES = 64
export const CONNECT_TIMEOUT_MS = 15_000
/** Stop writing while this much is unsent on the socket; resume from the send callback. */
const HIGH_WATER_BYTES = 256 * 1024

export class RealtimeConnectError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly httpStatus?: number,
  ) {
    super(message)
  }
}

export interface RealtimeClientOptions {
  dialect: RealtimeDialect
  url: string
  agent?: Agent | undefined
  connectTimeoutMs?: number
  onInbound(e: Inbound): void
  /** The socket is gone (closed by the server, errored, or by us); called at most once. */
  onEnd(info: { byUs: boolean; message: string; code: ErrorCode }): void
}

interface TextJob {
  data: string
  done: () => void
}

export class RealtimeClient {
  private ws: WebSocket | null = null
  private readonly text: TextJob[] = []
  /** Audio frames, and control frames that must follow the audio queued before them (commit). */
  private readonly audio: (string | TextJob)[] = []
  private open = false
  private ended = false
  private closing = false
  private scheduled = false
  private waitingForDrain = false

  constructor(private readonly opts: RealtimeClientOptions) {}

  /**
   * Open the socket and send `first` before anything queued (frames queued meanwhile wait).
   * Rejects with RealtimeConnectError; may be called again after a failure (e.g. after a token refresh).
   */
  connect(
    headers: Record<string, string>,
    first: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.opts.url, {
        headers,
        handshakeTimeout: this.opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
        // Base64 PCM compresses poorly and costs CPU on every 20 ms frame.
        perMessageDeflate: false,
        ...(this.opts.agent ? { agent: this.opts.agent } : {}),
      })
      this.ws = ws
      // ws emits 'error' again when a failed handshake is torn down; it must never go unhandled.
      ws.on('error', () => undefined)
      let settled = false
      const fail = (e: RealtimeConnectError) => {
        if (settled) return
        settled = true
        signal.removeEventListener('abort', onAbort)
        ws.terminate()
        reject(e)
      }
      const onAbort = () =>
        fail(new RealtimeConnectError('the voice conversation was replaced or closed', 'transport'))
      if (signal.aborted) return onAbort()
      signal.addEventListener('abort', onAbort, { once: true })
      ws.on('unexpected-response', (_req, res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const status = res.statusCode ?? 0
          const mapped = mapHttpStatus(status, Buffer.concat(chunks).toString('utf8'), null)
          fail(new RealtimeConnectError(`realtime handshake failed: ${mapped.message}`, mapped.code, status))
        })
      })
      ws.once('error', (e) =>
        fail(new RealtimeConnectError(`realtime connect failed: ${e.message}`, 'transport')),
      )
      ws.once('open', () => {
        if (settled) return
        settled = true
        signal.removeEventListener('abort', onAbort)
        this.open = true
        this.attach(ws)
        ws.send(JSON.stringify(first))
        this.schedule()
        resolve()
      })
    })
  }

  private attach(ws: WebSocket): void {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (this.ended) return
      if (isBinary) {
        this.opts.onInbound({
          kind: 'malformed',
          message: 'unexpected binary realtime websocket event',
          fatal: true,
        })
        return
      }
      this.opts.onInbound(parseInbound(this.opts.dialect, data.toString('utf8')))
    })
    ws.on('close', (code, reason) =>
      this.end(
        this.closing,
        `realtime websocket connection is closed${code !== 1000 && code !== 1005 ? ` (${code}${reason.length ? ` ${reason.toString('utf8')}` : ''})` : ''}`,
        'stream_closed',
      ),
    )
    ws.on('error', (e) => this.end(this.closing, `realtime websocket error: ${e.message}`, 'transport'))
  }

  private end(byUs: boolean, message: string, code: ErrorCode): void {
    if (this.ended) return
    this.ended = true
    this.open = false
    for (const job of this.text.splice(0)) job.done()
    for (const job of this.audio.splice(0)) if (typeof job !== 'string') job.done()
    this.opts.onEnd({ byUs, message, code })
  }

  /** Queue a JSON frame ahead of audio; resolves once written. False when the text queue is full. */
  sendJson(frame: Record<string, unknown>): Promise<void> | false {
    if (this.ended) return Promise.resolve()
    if (this.text.length >= TEXT_QUEUE_FRAMES) return false
    return new Promise((done) => {
      this.text.push({ data: JSON.stringify(frame), done })
      this.schedule()
    })
  }

  /** Queue one audio frame (already a wire string). False when the queue is full: the caller drops it. */
  sendAudio(data: string): boolean {
    if (this.ended) return true
    if (this.audio.length >= AUDIO_QUEUE_FRAMES) return false
    this.audio.push(data)
    this.schedule()
    return true
  }

  /** Queue a JSON frame behind the audio already queued (a commit must not overtake its audio). */
  sendAfterAudio(frame: Record<string, unknown>): Promise<void> {
    if (this.ended) return Promise.resolve()
    return new Promise((done) => {
      this.audio.push({ data: JSON.stringify(frame), done })
      this.schedule()
    })
  }

  /** Drop queued audio that has not been sent (push-to-talk press: a new turn starts now). */
  discardAudio(): void {
    const kept = this.audio.filter((a) => typeof a !== 'string')
    this.audio.length = 0
    this.audio.push(...kept)
  }

  get queuedAudio(): number {
    return this.audio.length
  }

  /**
   * One audio frame per turn of the event loop, so inbound frames (handled in the poll phase)
   * are never starved by a burst of queued audio; all queued text goes first.
   */
  private schedule(): void {
    if (this.scheduled || this.waitingForDrain || !this.open) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.pump()
    })
  }

  private pump(): void {
    const ws = this.ws
    if (!ws || !this.open || ws.readyState !== WebSocket.OPEN) return
    while (this.text.length > 0 && !this.full(ws)) {
      const job = this.text.shift()!
      ws.send(job.data, () => {
        job.done()
        this.sent(ws)
      })
    }
    if (this.text.length === 0 && this.audio.length > 0 && !this.full(ws)) {
      const next = this.audio.shift()!
      if (typeof next === 'string') ws.send(next, () => this.sent(ws))
      else
        ws.send(next.data, () => {
          next.done()
          this.sent(ws)
        })
    }
    // Over the high-water mark: the send callbacks resume the pump as the socket drains.
    if (this.full(ws)) this.waitingForDrain = true
    else if (this.text.length > 0 || this.audio.length > 0) this.schedule()
  }

  private sent(ws: WebSocket): void {
    if (this.waitingForDrain && !this.full(ws)) {
      this.waitingForDrain = false
      this.schedule()
    }
  }

  private full(ws: WebSocket): boolean {
    return ws.bufferedAmount >= HIGH_WATER_BYTES
  }

  /** Close with a close frame; onEnd follows with byUs = true. */
  close(): void {
    this.closing = true
    const ws = this.ws
    if (!ws) return
    if (ws.readyState === WebSocket.OPEN) ws.close(1000)
    else ws.terminate()
    // Do not wait for the server's close echo to report the end: the conversation is over now.
    this.end(true, 'closed by the client', 'stream_closed')
  }

  terminate(): void {
    this.closing = true
    this.ws?.terminate()
    this.end(true, 'terminated by the client', 'stream_closed')
  }
}
