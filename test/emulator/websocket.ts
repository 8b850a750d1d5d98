// WebSocket upgrades: records the handshake, checks path and auth, applies the next
// HandshakeScript, then hands the socket to the route (Responses now, realtime later).
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { AuthScheme } from './auth'
import { apiError, defaultErrorForStatus } from './errors'
import { MAX_BODY_BYTES } from './decode'
import { flatHeaders, refusalResponse, splitUrl } from './reply'
import type { EmulatorState } from './state'

/** One accepted (or attempted) WebSocket connection. */
export interface WsConnection {
  id: number
  path: string
  query: Record<string, string>
  /** Handshake request headers, lower-cased. */
  headers: Record<string, string>
}

export interface Refusal {
  status: number
  body: unknown
}

/** A WebSocket endpoint. Register one per path; realtime voice adds its own. */
export interface UpgradeRoute {
  scheme: AuthScheme
  /** Route-specific handshake checks after auth (e.g. the OpenAI-Beta header); a refusal or undefined. */
  validate?(conn: WsConnection): Refusal | undefined
  onConnection(ws: WebSocket, conn: WsConnection): void
}

export class UpgradeHandler {
  private readonly wss: WebSocketServer
  private readonly extraHeaders = new WeakMap<IncomingMessage, Record<string, string>>()

  constructor(
    private readonly state: EmulatorState,
    private readonly routes: ReadonlyMap<string, UpgradeRoute>,
  ) {
    this.wss = new WebSocketServer({ noServer: true, perMessageDeflate: true, maxPayload: MAX_BODY_BYTES })
    this.wss.on('headers', (headers: string[], req: IncomingMessage) => {
      const extra = this.extraHeaders.get(req)
      if (extra) for (const [k, v] of Object.entries(extra)) headers.push(`${k}: ${v}`)
    })
  }

  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => undefined)
    const { path, query } = splitUrl(req.url)
    const conn: WsConnection = {
      id: this.state.nextConnectionId(),
      path,
      query,
      headers: flatHeaders(req.headers),
    }
    this.state.record({
      transport: 'ws-handshake',
      method: 'WS',
      path,
      query,
      headers: conn.headers,
      body: undefined,
      rawBytes: 0,
      connectionId: conn.id,
    })
    if (this.state.closed) {
      socket.destroy()
      return
    }
    const route = this.routes.get(path)
    if (!route) return refuse(socket, 404, apiError(`Invalid URL (WS ${path})`, 'unknown_url'))
    const auth = this.state.auth.check(route.scheme, req.headers)
    if (!auth.ok) return refuse(socket, auth.status, auth.body)
    const invalid = route.validate?.(conn)
    if (invalid) return refuse(socket, invalid.status, invalid.body)
    const script = this.state.takeHandshake()
    if (script.refuse !== undefined) {
      return refuse(socket, script.refuse, { error: defaultErrorForStatus(script.refuse) }, script.headers)
    }
    if (script.headers) this.extraHeaders.set(req, script.headers)
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => undefined)
      if (this.state.closed) {
        ws.terminate()
        return
      }
      route.onConnection(ws, conn)
    })
  }

  /** Terminates every socket (no close frame) and stops the server. */
  closeAll(): void {
    for (const ws of this.wss.clients) ws.terminate()
    this.wss.close()
  }
}

function refuse(socket: Duplex, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (socket.destroyed) return
  socket.end(refusalResponse(status, body, headers))
}
