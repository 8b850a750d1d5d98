// The proxy agents over real sockets: http, https, ws and wss targets through a tiny proxy,
// credentials, refusals, NO_PROXY and the env rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WebSocket, WebSocketServer } from 'ws'
import {
  ProxyAgents,
  bypassesProxy,
  PROXY_LOOPBACK,
  envProxyRule,
  fixedProxyRule,
  normalizeProxyUrl,
  redactProxyUrl,
} from '../../main/core/net/proxy'
import { unaryRequest } from '../../main/core/http-get'

interface Proxy {
  url: string
  connects: string[]
  auth: (string | undefined)[]
  close(): Promise<void>
}

/** A minimal CONNECT proxy; `requireAuth` answers 407 without the right Proxy-Authorization. */
async function startProxy(requireAuth?: string): Promise<Proxy> {
  const connects: string[] = []
  const auth: (string | undefined)[] = []
  const sockets = new Set<net.Socket>()
  const server = http.createServer((_req, res) => res.writeHead(405).end())
  server.on('connect', (req, client: net.Socket, head) => {
    sockets.add(client)
    connects.push(req.url ?? '')
    auth.push(req.headers['proxy-authorization'])
    if (
      requireAuth &&
      req.headers['proxy-authorization'] !== `Basic ${Buffer.from(requireAuth).toString('base64')}`
    ) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n')
      return
    }
    const [host, port] = (req.url ?? '').split(':')
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as net.AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    auth,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      }),
  }
}

function selfSigned(): { key: string; cert: string } | null {
  try {
    const dir = mkdtempSync(join(tmpdir(), 'proxy-cert-'))
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'c.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    )
    return { key: readFileSync(join(dir, 'k.pem'), 'utf8'), cert: readFileSync(join(dir, 'c.pem'), 'utf8') }
  } catch {
    return null
  }
}

const tlsMaterial = selfSigned()
let plain: http.Server
let secure: https.Server | null = null
let plainUrl = ''
let secureUrl = ''
const hits: string[] = []

beforeAll(async () => {
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    hits.push(`${req.method} ${req.url}`)
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello ${req.url}`)
  }
  plain = http.createServer(handler)
  new WebSocketServer({ server: plain }).on('connection', (ws) =>
    ws.on('message', (m) => ws.send(`echo:${m}`)),
  )
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r))
  plainUrl = `http://127.0.0.1:${(plain.address() as net.AddressInfo).port}`
  if (tlsMaterial) {
    secure = https.createServer(tlsMaterial, handler)
    new WebSocketServer({ server: secure }).on('connection', (ws) =>
      ws.on('message', (m) => ws.send(`secure:${m}`)),
    )
    await new Promise<void>((r) => secure!.listen(0, '127.0.0.1', r))
    secureUrl = `https://localhost:${(secure.address() as net.AddressInfo).port}`
  }
})

afterAll(async () => {
  await new Promise<void>((r) => plain.close(() => r()))
  if (secure) await new Promise<void>((r) => secure!.close(() => r()))
})

function wsRoundTrip(url: string, agent: http.Agent | undefined, ca?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { agent, ...(ca ? { ca } : {}) })
    ws.on('open', () => ws.send('ping'))
    ws.on('message', (m) => {
      resolve(String(m))
      ws.close()
    })
    ws.on('error', reject)
  })
}

describe('proxy agents over a real CONNECT proxy', () => {
  it('tunnels plain http and ws', async () => {
    const proxy = await startProxy()
    const agents = new ProxyAgents(fixedProxyRule(proxy.url, PROXY_LOOPBACK))
    try {
      const res = await unaryRequest(`${plainUrl}/v1/models`, { agent: agents.agentFor(new URL(plainUrl)) })
      expect(res.status).toBe(200)
      expect(res.body).toBe('hello /v1/models')
      expect(proxy.connects).toHaveLength(1)
      // A fresh agent so the upgrade cannot ride the pooled socket of the request above.
      const wsAgents = new ProxyAgents(fixedProxyRule(proxy.url, PROXY_LOOPBACK))
      const wsUrl = plainUrl.replace('http:', 'ws:')
      expect(await wsRoundTrip(`${wsUrl}/rt`, wsAgents.agentFor(new URL(wsUrl)))).toBe('echo:ping')
      wsAgents.destroy()
      expect(proxy.connects).toHaveLength(2)
      expect(proxy.connects.every((c) => c === new URL(plainUrl).host)).toBe(true)
    } finally {
      agents.destroy()
      await proxy.close()
    }
  })

  it.skipIf(!tlsMaterial)('tunnels https and wss with certificate checks still on', async () => {
    const proxy = await startProxy()
    const agents = new ProxyAgents(fixedProxyRule(proxy.url, PROXY_LOOPBACK))
    try {
      const target = new URL(secureUrl)
      // Without trusting the test CA the TLS handshake inside the tunnel must fail.
      await expect(unaryRequest(`${secureUrl}/x`, { agent: agents.agentFor(target) })).rejects.toThrow(
        /self[- ]signed|certificate/i,
      )
      // The CA must reach tls.connect through the request options.
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = https.request(
          `${secureUrl}/y`,
          { agent: agents.agentFor(target), ca: tlsMaterial!.cert },
          (r) => {
            let body = ''
            r.on('data', (c) => (body += c))
            r.on('end', () => resolve({ status: r.statusCode ?? 0, body }))
          },
        )
        req.on('error', reject)
        req.end()
      })
      expect(res).toEqual({ status: 200, body: 'hello /y' })
      const wssUrl = secureUrl.replace('https:', 'wss:')
      expect(await wsRoundTrip(`${wssUrl}/rt`, agents.agentFor(new URL(wssUrl)), tlsMaterial!.cert)).toBe(
        'secure:ping',
      )
      expect(proxy.connects.every((c) => c === `localhost:${target.port}`)).toBe(true)
    } finally {
      agents.destroy()
      await proxy.close()
    }
  })

  it('sends credentials and reports a refusal in plain words without them', async () => {
    const proxy = await startProxy('alice:s3cret pass')
    const host = new URL(proxy.url).host
    const good = new ProxyAgents(
      fixedProxyRule(`http://alice:${encodeURIComponent('s3cret pass')}@${host}`, PROXY_LOOPBACK),
    )
    const bad = new ProxyAgents(fixedProxyRule(`http://alice:wrong@${host}`, PROXY_LOOPBACK))
    try {
      const res = await unaryRequest(`${plainUrl}/auth`, { agent: good.agentFor(new URL(plainUrl)) })
      expect(res.body).toBe('hello /auth')
      expect(proxy.auth[0]).toBe(`Basic ${Buffer.from('alice:s3cret pass').toString('base64')}`)
      expect(good.usedFor(new URL(plainUrl))).toBe(`http://${host}`)
      // The proxy's 407 is an error naming the proxy, not an answer that looks like the service's.
      const err = await unaryRequest(`${plainUrl}/auth`, { agent: bad.agentFor(new URL(plainUrl)) }).catch(
        (e: Error) => e,
      )
      expect(String(err)).toMatch(
        /proxy http:\/\/127\.0\.0\.1:\d+ refused the tunnel: HTTP 407.*user name and password/,
      )
      expect(String(err)).not.toMatch(/wrong/) // credentials never end up in messages
      expect(hits.filter((h) => h === 'GET /auth')).toHaveLength(1)
    } finally {
      good.destroy()
      bad.destroy()
      await proxy.close()
    }
  })

  it('fails fast and clearly when the proxy is down', async () => {
    const dead = net.createServer()
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r))
    const port = (dead.address() as net.AddressInfo).port
    await new Promise<void>((r) => dead.close(() => r()))
    const agents = new ProxyAgents(fixedProxyRule(`http://127.0.0.1:${port}`, PROXY_LOOPBACK))
    await expect(
      unaryRequest(`${plainUrl}/z`, { agent: agents.agentFor(new URL(plainUrl)) }),
    ).rejects.toThrow(/proxy http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/)
    expect(agents.usedFor(new URL(plainUrl))).toBe(`http://127.0.0.1:${port}`)
    agents.destroy()
  })
})

describe('proxy rules', () => {
  it('reads HTTPS_PROXY/HTTP_PROXY/NO_PROXY like curl', () => {
    const rule = envProxyRule({
      HTTPS_PROXY: 'proxy.corp:3128',
      http_proxy: 'http://plain.corp:8080',
      NO_PROXY: 'localhost,.internal,10.0.0.1:8443',
    })
    expect(rule(new URL('https://api.openai.com/v1'))).toBe('http://proxy.corp:3128')
    expect(rule(new URL('wss://api.openai.com/v1/responses'))).toBe('http://proxy.corp:3128')
    expect(rule(new URL('http://example.com'))).toBe('http://plain.corp:8080')
    expect(rule(new URL('ws://example.com'))).toBe('http://plain.corp:8080')
    expect(rule(new URL('http://localhost:9999'))).toBeNull()
    expect(rule(new URL('https://a.b.internal'))).toBeNull()
    expect(rule(new URL('https://10.0.0.1:8443'))).toBeNull()
    expect(rule(new URL('https://10.0.0.1:443'))).toBe('http://proxy.corp:3128')
    expect(envProxyRule({})(new URL('https://x.y'))).toBeNull()
  })

  it('matches NO_PROXY entries', () => {
    expect(bypassesProxy(new URL('https://x.example.com'), 'example.com')).toBe(true)
    expect(bypassesProxy(new URL('https://notexample.com'), 'example.com')).toBe(false)
    expect(bypassesProxy(new URL('https://any.host'), '*')).toBe(true)
    expect(bypassesProxy(new URL('http://[::1]:80/'), '::1')).toBe(true)
    // Loopback goes direct whatever the list says, unless it holds Chromium's <-loopback>.
    for (const u of [
      'http://localhost:1234/v1',
      'http://127.0.0.1:3000/mcp',
      'http://127.8.0.1/',
      'http://[::1]:8080/',
      'https://app.localhost/',
    ])
      expect([u, bypassesProxy(new URL(u), '')]).toEqual([u, true])
    expect(bypassesProxy(new URL('http://127.0.0.1:3000/mcp'), `example.com, ${PROXY_LOOPBACK}`)).toBe(false)
    expect(bypassesProxy(new URL('http://128.0.0.1/'), '')).toBe(false)
    expect(bypassesProxy(new URL('http://localhost.example.com/'), '')).toBe(false)
    expect(fixedProxyRule('http://p:3128')(new URL('http://localhost:11434/v1'))).toBeNull()
    expect(envProxyRule({ HTTP_PROXY: 'http://p:3128' })(new URL('http://localhost:11434/v1'))).toBeNull()
    expect(fixedProxyRule('http://p:3128', PROXY_LOOPBACK)(new URL('http://localhost:11434/v1'))).toBe(
      'http://p:3128',
    )
  })

  it('normalizes and redacts proxy URLs, SOCKS included', async () => {
    expect(normalizeProxyUrl('host:8080')).toBe('http://host:8080')
    expect(redactProxyUrl('http://u:p@host:8080')).toBe('http://host:8080')
    expect(normalizeProxyUrl('socks5://u:p@host:1080')).toBe('socks5://u:p@host:1080')
    expect(normalizeProxyUrl('SOCKS4A://host:1080')).toBe('socks4a://host:1080')
    expect(() => normalizeProxyUrl('ftp://host:21')).toThrow(/unsupported proxy scheme "ftp"/)
    expect(new ProxyAgents(fixedProxyRule(null)).agentFor(new URL('https://x'))).toBeUndefined()
    expect(await new ProxyAgents(fixedProxyRule('socks5://u:p@h:1')).describe(new URL('https://x'))).toBe(
      'socks5://h:1',
    )
    expect(envProxyRule({ ALL_PROXY: 'socks5h://s:1080' })(new URL('wss://x.y'))).toBe('socks5h://s:1080')
  })
})
