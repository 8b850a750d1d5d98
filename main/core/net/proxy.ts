// Proxies for every engine connection (HTTP, HTTPS, WS, WSS) through an HTTP CONNECT tunnel, with
// no dependencies. A ProxyRule decides per URL (custom URL, none, or the system proxy from
// HTTPS_PROXY/HTTP_PROXY/NO_PROXY; Electron resolves its system proxy itself and passes a fixed
// rule). ProxyAgents turns a rule into `Provider.agent`.
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import tls from 'node:tls'
import type { Duplex } from 'node:stream'

/** The proxy URL for a target, or null to connect directly. */
export type ProxyRule = (target: URL) => string | null

export const directRule: ProxyRule = () => null

export function fixedProxyRule(proxyUrl: string | null, noProxy = ''): ProxyRule {
  if (!proxyUrl) return directRule
  const proxy = normalizeProxyUrl(proxyUrl)
  return (target) => (bypassesProxy(target, noProxy) ? null : proxy)
}

/** The usual environment variables (upper- or lower-case), as curl and most tools read them. */
export function envProxyRule(env: NodeJS.ProcessEnv = process.env): ProxyRule {
  const get = (name: string) => env[name] ?? env[name.toLowerCase()] ?? ''
  const httpsProxy = get('HTTPS_PROXY')
  const httpProxy = get('HTTP_PROXY')
  const noProxy = get('NO_PROXY')
  return (target) => {
    const secure = target.protocol === 'https:' || target.protocol === 'wss:'
    const chosen = secure ? httpsProxy || httpProxy : httpProxy
    if (!chosen || bypassesProxy(target, noProxy)) return null
    return normalizeProxyUrl(chosen)
  }
}

/** `host:port` → `http://host:port`; only http(s) proxies are supported (CONNECT). */
export function normalizeProxyUrl(raw: string): string {
  const text = raw.trim()
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`)
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(
      `unsupported proxy scheme "${url.protocol.replace(/:$/, '')}" (only http and https proxies)`,
    )
  return url.toString().replace(/\/$/, '')
}

function defaultPort(protocol: string): number {
  return protocol === 'https:' || protocol === 'wss:' ? 443 : 80
}

/** NO_PROXY semantics: `*`, exact hosts, domain suffixes (`example.com`, `.example.com`), host:port. */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const port = Number(target.port) || defaultPort(target.protocol)
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase()
    if (!entry) continue
    if (entry === '*') return true
    // `[v6]:port`, bare IPv6 (several colons, no port), or `name[:port]`.
    const close = entry.startsWith('[') ? entry.indexOf(']') : -1
    const bracket = close > 0 ? [entry, entry.slice(1, close), entry.slice(close + 2) || undefined] : null
    const colons = entry.split(':').length - 1
    const [rawName, rawPort] = bracket
      ? [bracket[1] ?? '', bracket[2]]
      : colons === 1
        ? entry.split(':')
        : [entry, undefined]
    const name = (rawName ?? '').replace(/^\*?\./, '')
    const entryPort = rawPort ? Number(rawPort) : null
    if (entryPort !== null && entryPort !== port) continue
    if (host === name || host.endsWith(`.${name}`)) return true
  }
  return false
}

/** The proxy URL with any credentials removed, for messages and logs. */
export function redactProxyUrl(proxyUrl: string): string {
  try {
    const u = new URL(proxyUrl)
    u.username = ''
    u.password = ''
    return u.toString().replace(/\/$/, '')
  } catch {
    return '(invalid proxy URL)'
  }
}

export interface TunnelOptions {
  timeoutMs?: number
}

/** Open a CONNECT tunnel to host:port through the proxy; resolves with the raw socket. */
export function openTunnel(
  proxyUrl: string,
  host: string,
  port: number,
  opts: TunnelOptions = {},
): Promise<Duplex> {
  const proxy = new URL(proxyUrl)
  const proxyPort = Number(proxy.port) || defaultPort(proxy.protocol)
  const timeoutMs = opts.timeoutMs ?? 15_000
  const shown = redactProxyUrl(proxyUrl)
  return new Promise((resolve, reject) => {
    const socket: net.Socket =
      proxy.protocol === 'https:'
        ? tls.connect({ host: proxy.hostname, port: proxyPort, servername: sniName(proxy.hostname) })
        : net.connect({ host: proxy.hostname, port: proxyPort })
    let buffered = Buffer.alloc(0)
    const fail = (message: string) => {
      cleanup()
      socket.destroy()
      reject(new Error(`proxy ${shown}: ${message}`))
    }
    const timer = setTimeout(
      () => fail(`no answer to CONNECT ${host}:${port} within ${timeoutMs} ms`),
      timeoutMs,
    )
    const onError = (e: Error) => fail(e.message)
    const onClose = () => fail(`closed the connection before answering CONNECT ${host}:${port}`)
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk])
      const end = buffered.indexOf('\r\n\r\n')
      if (end < 0) {
        if (buffered.length > 16 * 1024) fail('CONNECT reply headers too large')
        return
      }
      const statusLine = buffered.subarray(0, buffered.indexOf('\r\n')).toString('latin1')
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0)
      if (status !== 200) return fail(`refused CONNECT to ${host}:${port}: ${statusLine || 'no status line'}`)
      cleanup()
      const rest = buffered.subarray(end + 4)
      if (rest.length > 0) socket.unshift(rest)
      resolve(socket)
    }
    const cleanup = () => {
      clearTimeout(timer)
      socket.off('data', onData)
      socket.off('error', onError)
      socket.off('close', onClose)
    }
    socket.on('data', onData)
    socket.on('error', onError)
    socket.on('close', onClose)
    const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
    const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`]
    if (proxy.username || proxy.password) {
      const cred = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`
      lines.push(`Proxy-Authorization: Basic ${Buffer.from(cred).toString('base64')}`)
    }
    socket.write(`${lines.join('\r\n')}\r\n\r\n`)
  })
}

function sniName(host: string): string | undefined {
  return net.isIP(host) ? undefined : host
}

type ConnectCallback = (err: Error | null, socket?: Duplex) => void
interface ConnectOptions {
  host?: string | null
  hostname?: string | null
  port?: number | string | null
  servername?: string
  [key: string]: unknown
}

function tunnelThen(proxyUrl: string, secure: boolean, options: ConnectOptions, cb: ConnectCallback): void {
  const host = String(options.hostname ?? options.host ?? 'localhost').replace(/^\[|\]$/g, '')
  const port = Number(options.port) || (secure ? 443 : 80)
  openTunnel(proxyUrl, host, port).then(
    (raw) => {
      if (!secure) return cb(null, raw)
      // TLS to the target inside the tunnel; certificate checks stay on (options carries ca etc.).
      const { host: _h, port: _p, path: _path, ...tlsOptions } = options
      const s = tls.connect({
        ...(tlsOptions as tls.ConnectionOptions),
        socket: raw,
        servername: options.servername || sniName(host),
      })
      cb(null, s)
    },
    (e: Error) => cb(e),
  )
}

/** Agent for http:// and ws:// targets. */
export class HttpTunnelAgent extends http.Agent {
  constructor(readonly proxyUrl: string) {
    super({ keepAlive: true })
  }
  override createConnection(options: ConnectOptions, cb: ConnectCallback): undefined {
    tunnelThen(this.proxyUrl, false, options, cb)
    return undefined
  }
}

/** Agent for https:// and wss:// targets. */
export class HttpsTunnelAgent extends https.Agent {
  constructor(readonly proxyUrl: string) {
    super({ keepAlive: true })
  }
  override createConnection(options: ConnectOptions, cb: ConnectCallback): undefined {
    tunnelThen(this.proxyUrl, true, options, cb)
    return undefined
  }
}

/** Turns a ProxyRule into `Provider.agent`, caching one agent per proxy and target security. */
export class ProxyAgents {
  private readonly agents = new Map<string, http.Agent>()
  constructor(private rule: ProxyRule) {}

  /** Swap the rule (settings changed, or Electron resolved the system proxy anew). */
  setRule(rule: ProxyRule): void {
    this.rule = rule
    // Streams already running keep their tunnels; only idle pooled sockets are closed.
    for (const a of this.agents.values()) {
      for (const list of Object.values(a.freeSockets)) for (const s of list ?? []) s.destroy()
    }
    this.agents.clear()
  }

  proxyFor(target: URL): string | null {
    return this.rule(target)
  }

  agentFor = (target: URL): http.Agent | undefined => {
    const proxy = this.rule(target)
    if (!proxy) return undefined
    const secure = target.protocol === 'https:' || target.protocol === 'wss:'
    const key = `${secure ? 's' : 'p'}|${proxy}`
    let agent = this.agents.get(key)
    if (!agent) {
      agent = secure ? new HttpsTunnelAgent(proxy) : new HttpTunnelAgent(proxy)
      this.agents.set(key, agent)
    }
    return agent
  }

  /** 'direct' or the proxy without credentials. */
  describe(target: URL): string {
    const proxy = this.rule(target)
    return proxy ? redactProxyUrl(proxy) : 'direct'
  }

  destroy(): void {
    for (const a of this.agents.values()) a.destroy()
    this.agents.clear()
  }
}
