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
import { PROXY_LOOPBACK, ProxyAgents, fixedProxyRule } from '../../main/core/net/proxy'
import { testConnection } from '../../main/host/proxy-test'
import { McpManager } from '../../main/core/tools/mcp/manager'
import { McpServerConfig } from '@shared/mcp'
import { silentLogger } from '../../main/core/log'
import { everythingHttp } from './tools-helpers'
import { runProcess } from './run-process'
import path from 'node:path'
import fs from 'node:fs'
import os from 'node:os'

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

/** A TCP relay to `port` that records where each connection came from (the proxy's own address). */
async function recordingRelay(port: number, seen: string[]): Promise<net.Server> {
  const server = net.createServer((c) => {
    seen.push(c.remoteAddress ?? '')
    const up = net.connect(port, '127.0.0.1')
    for (const s of [c, up]) {
      sockets.add(s)
      s.on('error', () => (s === c ? up : c).destroy())
      s.on('close', () => sockets.delete(s))
    }
    c.pipe(up).pipe(c)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return server
}

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
  relay = await recordingRelay(Number(new URL(emu.url).port), sources)
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
  // Everything here is on loopback, which goes direct unless the bypass list says <-loopback>.
  agents = new ProxyAgents(fixedProxyRule(proxyUrl, PROXY_LOOPBACK))
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
      fixedProxyRule(proxy.url(encodeURIComponent(PASS)), PROXY_LOOPBACK),
    )
    const shown = `${name === 'SOCKS5' ? 'socks5' : 'http'}://127.0.0.1:${name === 'SOCKS5' ? socksPort : httpProxyPort}`
    // The emulator wants a key (checked separately): any HTTP answer proves the path.
    expect(ok).toMatchObject({ ok: true, via: shown, status: 401 })
    expect(ok.message).toContain(`through ${shown}`)
    const bad = await testConnection(
      `http://127.0.0.1:${relayPort}/v1`,
      fixedProxyRule(proxy.url('wrong'), PROXY_LOOPBACK),
    )
    expect(bad).toMatchObject({ ok: false, via: shown })
    expect(bad.message).toMatch(/user name and password/)
  })
  it.skipIf(skip)('MCP over Streamable HTTP goes through the proxy too (Test and tool listing)', async () => {
    const mcp = await everythingHttp()
    const seen: string[] = []
    const front = await recordingRelay(Number(new URL(mcp.url).port), seen)
    try {
      const url = `http://127.0.0.1:${(front.address() as net.AddressInfo).port}/mcp`
      agents = new ProxyAgents(fixedProxyRule(proxy.url(encodeURIComponent(PASS)), PROXY_LOOPBACK))
      const config = McpServerConfig.parse({ name: 'everything', transport: 'http', url })
      const status = await new McpManager([], silentLogger, undefined, undefined, agents.agentFor).test(
        config,
      )
      expect(status).toMatchObject({ state: 'connected' })
      expect(status.tools.length).toBeGreaterThan(5)
      expect(seen.length).toBeGreaterThan(0)
      expect(new Set(seen)).toEqual(new Set([proxy.from]))
      // A wrong password: a clear error naming the proxy, nothing reaches the server.
      seen.length = 0
      const wrong = new ProxyAgents(fixedProxyRule(proxy.url('wrong'), PROXY_LOOPBACK))
      const bad = await new McpManager([], silentLogger, undefined, undefined, wrong.agentFor).test(config)
      wrong.destroy()
      expect(bad.state).toBe('failed')
      expect(bad.message).toMatch(name === 'SOCKS5' ? /authenticat/i : /407/)
      expect(seen).toEqual([])
      // Without <-loopback> a server on this machine is reached directly, token and all.
      const plain = new ProxyAgents(fixedProxyRule(proxy.url(encodeURIComponent(PASS))))
      const direct = await new McpManager([], silentLogger, undefined, undefined, plain.agentFor).test(config)
      plain.destroy()
      expect(direct).toMatchObject({ state: 'connected' })
      expect(new Set(seen)).toEqual(new Set(['127.0.0.1']))
    } finally {
      front.close()
      mcp.stop()
    }
  })

  it.skipIf(skip)('the CLI takes the proxy from HTTP_PROXY / ALL_PROXY, as curl does', async () => {
    const root = path.resolve(import.meta.dirname, '../..')
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-proxy-'))
    try {
      sources.length = 0
      emu.script({ steps: textAnswer(`cli via ${name}`) })
      const variable = name === 'SOCKS5' ? 'ALL_PROXY' : 'HTTP_PROXY'
      const exec = (env: Record<string, string>) =>
        runProcess(
          [
            path.join(root, 'bin/assistant.mjs'),
            'exec',
            '--transport',
            'sse',
            '--data-dir',
            dataDir,
            'hello',
          ],
          {
            PATH: process.env.PATH,
            HOME: dataDir,
            OPENAI_API_KEY: 'sk-test-emulator',
            OPENAI_BASE_URL: `http://127.0.0.1:${relayPort}/v1`,
            [variable]: proxy.url(encodeURIComponent(PASS)),
            NO_PROXY: PROXY_LOOPBACK,
            ...env,
          },
        )
      const r = await exec({})
      expect(r.err).not.toMatch(/error/i)
      expect(r.code).toBe(0)
      expect(r.out).toContain(`cli via ${name}`)
      expect(sources.length).toBeGreaterThan(0)
      expect(new Set(sources)).toEqual(new Set([proxy.from]))
      // NO_PROXY names the service: straight there.
      sources.length = 0
      emu.script({ steps: textAnswer('direct') })
      const direct = await exec({ NO_PROXY: '127.0.0.1' })
      expect(direct.code).toBe(0)
      expect(new Set(sources)).toEqual(new Set(['127.0.0.1']))
      // Loopback without <-loopback>: direct too.
      sources.length = 0
      emu.script({ steps: textAnswer('direct again') })
      const loopback = await exec({ NO_PROXY: '' })
      expect(loopback.code).toBe(0)
      expect(new Set(sources)).toEqual(new Set(['127.0.0.1']))
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
