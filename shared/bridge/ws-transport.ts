// The bridge over the browser host's WebSocket. Same BridgeTransport as the preload's IPC one, so
// the page code cannot tell the hosts apart. Reconnects with backoff; after a reconnect it asks
// for the replay again (running turns restart from `turn_started`, so the page rebuilds them).
import type { Op } from '../ops'
import { MAX_MESSAGE_BYTES, type QueryName, type Reply } from './contract'
import type { BridgeTransport } from './client'
import { decodeMessage, encodeMessage, type ClientMessage } from './frames'

/** The subset of the DOM WebSocket this transport uses (also satisfied by the `ws` package). */
export interface WebSocketLike {
  readonly readyState: number
  binaryType: string
  send(data: string | Uint8Array<ArrayBuffer>): void
  close(code?: number, reason?: string): void
  onopen: ((ev: unknown) => void) | null
  onclose: ((ev: { code: number; reason: string }) => void) | null
  onerror: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
}
export type WebSocketFactory = (url: string) => WebSocketLike

export interface WsTransport extends BridgeTransport {
  close(): void
}

const OPEN = 1
const BACKOFF_MS = [250, 500, 1000, 2000, 5000]

export function createWsTransport(url: string, factory: WebSocketFactory): WsTransport {
  let socket: WebSocketLike | null = null
  let nextId = 1
  let closedByUs = false
  let failures = 0
  let everOpened = false
  let onEvent: ((raw: unknown) => void) | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  const pending = new Map<number, (r: Reply) => void>()
  const queue: (string | Uint8Array<ArrayBuffer>)[] = []

  const emitConnection = (state: 'open' | 'reconnecting' | 'closed', message?: string) =>
    onEvent?.({ type: 'host_connection', state, ...(message ? { message } : {}) })

  const connect = (): WebSocketLike => {
    if (socket) return socket
    const ws = factory(url)
    socket = ws
    ws.binaryType = 'arraybuffer'
    ws.onopen = () => {
      const reopened = everOpened
      everOpened = true
      failures = 0
      for (const m of queue.splice(0)) ws.send(m)
      if (reopened) {
        emitConnection('open')
        // A fresh socket is a fresh sink on the host: ask for the replay again.
        if (onEvent) void request({ t: 'query', id: nextId++, name: 'events.attach', input: {} })
      }
    }
    ws.onmessage = (ev) => receive(ev.data)
    ws.onerror = () => undefined // onclose follows and carries the decision
    ws.onclose = (ev) => {
      socket = null
      for (const [, resolve] of pending) resolve({ ok: false, error: 'lost the connection to the host' })
      pending.clear()
      queue.length = 0 // their callers were just told the send failed
      if (closedByUs) return
      const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)] ?? 5000
      failures++
      emitConnection(
        'reconnecting',
        ev.code === 1008 ? 'the host refused this page' : 'the connection to the host was lost; reconnecting',
      )
      retryTimer = setTimeout(() => {
        retryTimer = null
        if (!closedByUs && onEvent) connect()
      }, delay)
    }
    return ws
  }

  const receive = (data: unknown) => {
    let msg: Record<string, unknown>
    try {
      msg = decodeMessage(data as string | ArrayBuffer) as Record<string, unknown>
    } catch {
      return // not from our host; the client never sees it
    }
    if (msg.t === 'event') onEvent?.(msg.event)
    else if (msg.t === 'reply' && typeof msg.id === 'number') {
      const resolve = pending.get(msg.id)
      pending.delete(msg.id)
      resolve?.(
        msg.ok === true
          ? { ok: true, value: msg.value }
          : { ok: false, error: String(msg.error ?? 'failed') },
      )
    }
  }

  const request = (msg: ClientMessage): Promise<Reply> => {
    const data = encodeMessage(msg)
    const size = typeof data === 'string' ? data.length * 3 : data.byteLength // UTF-8 upper bound
    if (
      size > MAX_MESSAGE_BYTES &&
      (typeof data !== 'string' || new TextEncoder().encode(data).byteLength > MAX_MESSAGE_BYTES)
    )
      return Promise.resolve({ ok: false, error: 'message too large for the host connection' })
    if (closedByUs) return Promise.resolve({ ok: false, error: 'the bridge is closed' })
    return new Promise<Reply>((resolve) => {
      pending.set(msg.id, resolve)
      const ws = connect()
      if (ws.readyState === OPEN) ws.send(data)
      else queue.push(data)
    })
  }

  return {
    op: (op: Op) => request({ t: 'op', id: nextId++, op: op as unknown as Record<string, unknown> }),
    query: (name: QueryName, input: unknown) => request({ t: 'query', id: nextId++, name, input }),
    listen(cb) {
      onEvent = cb
      connect()
      return () => {
        onEvent = null
      }
    },
    close() {
      closedByUs = true
      if (retryTimer) clearTimeout(retryTimer)
      socket?.close(1000, 'bye')
      emitConnection('closed')
    },
  }
}
