// The bridge over a WebSocket: each socket is one page. Messages are decoded (text or binary
// frames), checked against the envelope schema, and handed to the HostCore, which validates the
// op or query itself. Replies and events go back on the same socket.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket, type RawData } from 'ws'
import { MAX_MESSAGE_BYTES, type BridgeEvent } from '@shared/bridge'
import { ClientMessageSchema, decodeMessage, encodeMessage, type HostMessage } from '@shared/bridge/frames'
import type { Logger } from '../../core/log'
import type { HostCore } from '../core'
import type { AccessGate } from './access'

/** A page that falls this far behind is disconnected; it reconnects and gets the replay. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024

export class BridgeSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  private next = 1

  constructor(
    private readonly core: HostCore,
    private readonly gate: AccessGate,
    private readonly logger: Logger,
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1')
    const decision =
      pathname === '/bridge'
        ? this.gate.check({ url: req.url ?? '/', headers: req.headers, upgrade: true })
        : null
    if (!decision || !decision.ok) {
      const reason = decision && !decision.ok ? decision.reason : `no socket at ${pathname}`
      this.logger.log('warn', 'refused a WebSocket', { reason })
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws))
  }

  private serve(ws: WebSocket): void {
    const sinkId = `ws:${this.next++}`
    const send = (msg: HostMessage) => {
      if (ws.readyState !== ws.OPEN) throw new Error('socket closed')
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.close(1013, 'too far behind')
        throw new Error('page too far behind')
      }
      ws.send(encodeMessage(msg))
    }
    const sink = (event: BridgeEvent) =>
      send({ t: 'event', event: event as unknown as Record<string, unknown> })

    ws.on(
      'message',
      (data: RawData, isBinary: boolean) => void this.onMessage(sinkId, sink, send, data, isBinary),
    )
    ws.on('close', () => this.core.detach(sinkId))
    ws.on('error', (e) => this.logger.log('warn', 'socket error', { sink: sinkId, error: e.message }))
  }

  private async onMessage(
    sinkId: string,
    sink: (e: BridgeEvent) => void,
    send: (m: HostMessage) => void,
    data: RawData,
    isBinary: boolean,
  ): Promise<void> {
    let parsed
    try {
      const raw = isBinary ? toBytes(data) : toBytes(data).toString('utf8')
      parsed = ClientMessageSchema.safeParse(decodeMessage(raw))
    } catch (e) {
      this.logger.log('warn', 'unreadable socket message', { sink: sinkId, error: (e as Error).message })
      return
    }
    if (!parsed.success) {
      this.logger.log('warn', 'malformed socket message', { sink: sinkId })
      return
    }
    const msg = parsed.data
    const reply =
      msg.t === 'op'
        ? await this.core.op(msg.op, sinkId)
        : await this.core.query({ name: msg.name, input: msg.input }, { sinkId, sink })
    try {
      send(
        reply.ok
          ? { t: 'reply', id: msg.id, ok: true, value: reply.value }
          : { t: 'reply', id: msg.id, ok: false, error: reply.error },
      )
    } catch {
      // The page went away while we worked; nothing to tell it.
    }
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate()
    this.wss.close()
  }
}

function toBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  if (Array.isArray(data)) return Buffer.concat(data)
  return Buffer.from(data)
}
