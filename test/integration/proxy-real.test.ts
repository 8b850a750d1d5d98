// Turns through REAL proxies on loopback, started here: an HTTP CONNECT proxy with Basic auth (the
// `proxy` package) and a SOCKS5 server with user/password (Debian's microsocks). Each makes its
// outgoing connections from its own loopback address, and a relay in front of the emulator
// records where connections came from, so a turn that bypassed the proxy would be seen.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import http from 'node:http'
import net from 'node:net'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createProxy, type ProxyServer } from 'proxy'
import { startEmulator, type Emulator } from '../emulator/index'
import { textAnswer } from '../emulator/scripts'
import { harness, type Harness } from './harness'
import { ProxyAgents, fixedProxyRule } from '../../main/core/net/proxy'
import { testConnection } from '../../main/host/proxy-test'

const USER = 'alice'
const PASS = 's3cret:pass'
const HTTP_FROM = '127.0.0.4'
const SOCKS_FROM = '127.0.0.3'
const hasMicrosocks = spawnSync('sh', ['-c', 'command -v microsocks']).status === 0

let emu: Emulator
let relay: net.Server
let relayPort = 0
const sources: string[] = []
const sockets = new Set<net.Socket>()

async function freePort(): Promise<number> {
  const s = net.createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as net.AddressInfo).port
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

async function waitForPort(port: number, deadline = Date.now() + 10_000): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => {
        c.destroy()
        resolve(true)
      })
      c.on('error', () => resolve(false))
    })
    if (ok) return
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

let httpProxy: ProxyServer
let httpProxyPort = 0
const httpConnects: string[] = []
let socks: ChildProcess | null = null
let socksPort = 0

beforeAll(async () => {
  emu = await startEmulator()
  const emuPort = Number(new URL(emu.url).port)
  relay = net.createServer((c) => {
    sources.push(c.remoteAddress ?? '')
    const up = net.connect(emuPort, '127.0.0.1')
    for (const s of [c, up]) {
      sockets.add(s)
      s.on('error', () => (s === c ? up : c).destroy())
      s.on('close', () => sockets.delete(s))
    }
    c.pipe(up).pipe(c)
  })
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r))
  relayPort = (relay.address() as net.AddressInfo).port

  httpProxy = createProxy(http.createServer())
  httpProxy.localAddress = HTTP_FROM
  httpProxy.authenticate = (req) =>
    req.headers['proxy-authorization'] === `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`
  httpProxy.on('connect', (req: http.IncomingMessage) => httpConnects.push(req.url ?? ''))
  await new Promise<void>((r) => httpProxy.listen(0, '127.0.0.1', r))
  httpProxyPort = (httpProxy.address() as net.AddressInfo).port

  if (hasMicrosocks) {
    socksPort = await freePort()
    socks = spawn(
      'microsocks',
      ['-i', '127.0.0.1', '-p', String(socksPort), '-u', USER, '-P', PASS, '-b', SOCKS_FROM],
      {
        stdio: 'ignore',
      },
    )
    await waitForPort(socksPort)
  }
})

afterAll(async () => {
  socks?.kill()
  for (const s of sockets) s.destroy()
  await new Promise<void>((r) => relay.close(() => r()))
  httpProxy.closeAllConnections()
  await new Promise<void>((r) => httpProxy.close(() => r()))
  await emu.close()
})

let h: Harness | null = null
let agents: ProxyAgents | null = null
afterEach(async () => {
  await h?.close()
  agents?.destroy()
  h = null
  agents = null
})

const PROXIES = {
  'HTTP CONNECT': {
    url: (pass: string) => `http://${USER}:${pass}@127.0.0.1:${httpProxyPort}`,
    from: HTTP_FROM,
  },
  SOCKS5: { url: (pass: string) => `socks5://${USER}:${pass}@127.0.0.1:${socksPort}`, from: SOCKS_FROM },
} as const

async function proxiedHarness(proxyUrl: string, websocket: boolean): Promise<Harness> {
  agents = new ProxyAgents(fixedProxyRule(proxyUrl))
  const a = agents
  return harness({
    emu,
    provider: { baseUrl: `http://127.0.0.1:${relayPort}/v1`, agent: a.agentFor, websockets: websocket },
    session: { transport: websocket ? 'websocket' : 'sse', requestMaxRetries: 1, streamMaxRetries: 1 },
  })
}

describe.each(Object.entries(PROXIES))('through a real %s proxy', (name, proxy) => {
  const skip = name === 'SOCKS5' && !hasMicrosocks

  it.skipIf(skip)(
    'runs a turn over SSE and one over WebSocket, every connection through the proxy',
    async () => {
      for (const websocket of [false, true]) {
        sources.length = 0
        const before = emu.requests.length
        h = await proxiedHarness(proxy.url(encodeURIComponent(PASS)), websocket)
        emu.script({ steps: textAnswer(`via ${name} ${websocket ? 'ws' : 'sse'}`, { chunks: 4 }) })
        await h.turn('hello', { model: 'gpt-4o' })
        expect(h.of('error')).toEqual([])
        expect(h.text()).toBe(`via ${name} ${websocket ? 'ws' : 'sse'}`)
        const seen = emu.requests.slice(before).map((r) => r.transport)
        expect(seen).toContain(websocket ? 'ws-handshake' : 'http')
        expect(h.of('telemetry').at(-1)?.telemetry.transport).toBe(websocket ? 'websocket' : 'sse')
        expect(sources.length).toBeGreaterThan(0)
        expect(new Set(sources)).toEqual(new Set([proxy.from]))
        expect(agents!.usedFor(new URL(`http://127.0.0.1:${relayPort}`))).toBe(
          proxy.url('').replace(`${USER}:@`, ''),
        )
        await h.close()
        agents!.destroy()
        h = null
      }
      if (name === 'HTTP CONNECT') expect(httpConnects).toContain(`127.0.0.1:${relayPort}`)
    },
  )

  it.skipIf(skip)('a wrong password fails the turn with a clear error naming the proxy', async () => {
    for (const websocket of [false, true]) {
      sources.length = 0
      h = await proxiedHarness(proxy.url('wrong'), websocket)
      await h.turn('hello', { model: 'gpt-4o' })
      const errors = h.of('error').filter((e) => e.fatal)
      expect(errors).toHaveLength(1)
      const msg = errors[0]!.message
      expect(msg).toContain(`127.0.0.1:${name === 'SOCKS5' ? socksPort : httpProxyPort}`)
      expect(msg).toMatch(name === 'SOCKS5' ? /authenticat/i : /HTTP 407/)
      expect(msg).toMatch(/user name and password/)
      expect(msg).not.toContain('wrong')
      expect(sources).toEqual([]) // nothing reached the service
      await h.close()
      agents!.destroy()
      h = null
    }
  })

  it.skipIf(skip)('"Test connection" names the proxy it went through', async () => {
    const ok = await testConnection(
      `http://127.0.0.1:${relayPort}/v1`,
      fixedProxyRule(proxy.url(encodeURIComponent(PASS))),
    )
    const shown = `${name === 'SOCKS5' ? 'socks5' : 'http'}://127.0.0.1:${name === 'SOCKS5' ? socksPort : httpProxyPort}`
    // The emulator wants a key (checked separately): any HTTP answer proves the path.
    expect(ok).toMatchObject({ ok: true, via: shown, status: 401 })
    expect(ok.message).toContain(`through ${shown}`)
    const bad = await testConnection(`http://127.0.0.1:${relayPort}/v1`, fixedProxyRule(proxy.url('wrong')))
    expect(bad).toMatchObject({ ok: false, via: shown })
    expect(bad.message).toMatch(/user name and password/)
  })
})
