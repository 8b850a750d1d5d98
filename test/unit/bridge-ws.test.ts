// The socket transport on its own: replies matched by id, binary frames, and a reconnect that
// tells the page and asks for the replay again.
import { afterEach, describe, expect, it } from 'vitest'
import type { AddressInfo } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'
import { createWsTransport, type WebSocketLike } from '@shared/bridge/ws-transport'
import { decodeMessage, encodeMessage } from '@shared/bridge/frames'

let wss: WebSocketServer | null = null
afterEach(() => {
  for (const c of wss?.clients ?? []) c.terminate()
  wss?.close()
})

async function server(onMessage: (ws: WebSocket, msg: any) => void) {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise((r) => wss!.once('listening', r))
  wss.on('connection', (ws) =>
    ws.on('message', (data, isBinary) =>
      onMessage(ws, decodeMessage(isBinary ? (data as Buffer) : String(data))),
    ),
  )
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`
}

const factory = (u: string) => new WebSocket(u) as unknown as WebSocketLike

describe('socket transport', () => {
  it('matches replies to requests and carries binary payloads', async () => {
    const received: any[] = []
    const url = await server((ws, msg) => {
      received.push(msg)
      ws.send(
        encodeMessage({
          t: 'reply',
          id: msg.id,
          ok: true,
          value: msg.t === 'op' ? msg.op.frame.byteLength : msg.name,
        }),
      )
    })
    const t = createWsTransport(url, factory)
    const [a, b] = await Promise.all([
      t.query('models.list', {}),
      t.op({ type: 'user_turn', frame: new Uint8Array(960) } as never),
    ])
    expect(a).toEqual({ ok: true, value: 'models.list' })
    expect(b).toEqual({ ok: true, value: 960 })
    expect(received[1].op.frame).toBeInstanceOf(Uint8Array)
    t.close()
  })

  it('reports a lost connection, reconnects and re-attaches', async () => {
    let connections = 0
    const attaches: number[] = []
    const url = await server((ws, msg) => {
      if (msg.name === 'events.attach') attaches.push(connections)
      ws.send(encodeMessage({ t: 'reply', id: msg.id, ok: true, value: null }))
    })
    wss!.on('connection', () => connections++)
    const t = createWsTransport(url, factory)
    const events: any[] = []
    t.listen((e) => events.push(e))
    await t.query('events.attach', {})
    for (const c of wss!.clients) c.terminate()
    await expect.poll(() => events.map((e) => e.state)).toEqual(['reconnecting', 'open'])
    await expect.poll(() => attaches).toEqual([1, 2])
    // Requests in flight when the socket died were answered with an error, not left hanging.
    expect(events[0]).toMatchObject({ type: 'host_connection', message: expect.stringMatching(/lost/) })
    t.close()
    expect(events.at(-1)).toMatchObject({ state: 'closed' })
  })

  it('fails pending requests when the connection drops', async () => {
    const url = await server((ws) => ws.terminate())
    const t = createWsTransport(url, factory)
    expect(await t.query('settings.get', {})).toEqual({ ok: false, error: 'lost the connection to the host' })
    t.close()
  })
})
