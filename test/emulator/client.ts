// Minimal raw clients for exercising the emulator directly (its own tests, debugging).
import type { IncomingHttpHeaders } from 'node:http'
import WebSocket from 'ws'

export interface SseEvent {
  /** The `event:` line, if any. */
  event: string | undefined
  /** The `data:` payload, verbatim. */
  data: string
  /** `data` parsed as JSON, or undefined when it is not JSON. */
  json: unknown
}

/** Splits an SSE body into events (blocks separated by a blank line). */
export function parseSse(text: string): SseEvent[] {
  const out: SseEvent[] = []
  for (const block of text.split(/\n\n/)) {
    if (block.trim() === '') continue
    let event: string | undefined
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim()
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
    }
    const joined = data.join('\n')
    let json: unknown
    try {
      json = JSON.parse(joined)
    } catch {
      json = undefined
    }
    out.push({ event, data: joined, json })
  }
  return out
}

export type WsOpenResult =
  | { ok: true; client: WsTestClient; headers: IncomingHttpHeaders }
  | { ok: false; status: number; headers: IncomingHttpHeaders; body: string }

/** Opens a WebSocket; resolves with the client, or with the HTTP refusal. */
export function openWs(url: string, headers: Record<string, string>): Promise<WsOpenResult> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: true })
    const client = new WsTestClient(ws)
    ws.once('upgrade', (res) => {
      ws.once('open', () => resolve({ ok: true, client, headers: res.headers }))
    })
    ws.once('unexpected-response', (req, res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => {
        resolve({ ok: false, status: res.statusCode ?? 0, headers: res.headers, body })
        req.destroy()
      })
    })
    ws.once('error', reject)
  })
}

/** A decoded JSON frame (loosely typed for assertions). */
export type Frame = Record<string, any>

export type WsMessage = { kind: 'text'; text: string; json: unknown } | { kind: 'binary'; bytes: Buffer }

/** Buffers inbound messages and the close so tests can await them in order. */
export class WsTestClient {
  readonly messages: WsMessage[] = []
  closed: { code: number; reason: string } | undefined
  private waiters: Array<() => void> = []
  private cursor = 0

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const bytes = Buffer.isBuffer(data)
        ? data
        : Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.from(data)
      if (isBinary) this.messages.push({ kind: 'binary', bytes })
      else {
        const text = bytes.toString('utf8')
        let json: unknown
        try {
          json = JSON.parse(text)
        } catch {
          json = undefined
        }
        this.messages.push({ kind: 'text', text, json })
      }
      this.wake()
    })
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString('utf8') }
      this.wake()
    })
    ws.on('error', () => undefined)
  }

  private wake(): void {
    const w = this.waiters
    this.waiters = []
    for (const f of w) f()
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }

  /** The next message not yet returned; rejects when the socket closes first or after `timeoutMs`. */
  async next(timeoutMs = 2000): Promise<WsMessage> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const m = this.messages[this.cursor]
      if (m) {
        this.cursor += 1
        return m
      }
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) before the next message`)
      const left = deadline - Date.now()
      if (left <= 0) throw new Error('timed out waiting for a websocket message')
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(t)
          resolve()
        })
      })
    }
  }

  /** The next message as parsed JSON; rejects on a binary or non-JSON message. */
  async nextJson(timeoutMs = 2000): Promise<Frame> {
    const m = await this.next(timeoutMs)
    if (m.kind !== 'text' || typeof m.json !== 'object' || m.json === null) {
      throw new Error(`expected a JSON text frame, got ${m.kind === 'text' ? m.text : 'binary'}`)
    }
    return m.json as Frame
  }

  /** JSON messages up to and including the first whose `type` is in `types`. */
  async until(types: string[], timeoutMs = 2000): Promise<Frame[]> {
    const out: Frame[] = []
    for (;;) {
      const m = await this.next(timeoutMs)
      if (m.kind !== 'text') continue
      const e = m.json as Frame
      out.push(e)
      if (typeof e.type === 'string' && types.includes(e.type)) return out
    }
  }

  /** Resolves with the close code once the socket is closed. */
  async waitClosed(timeoutMs = 2000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs
    while (!this.closed) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error('timed out waiting for close')
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(t)
          resolve()
        })
      })
    }
    return this.closed
  }

  close(): void {
    this.ws.terminate()
  }
}
