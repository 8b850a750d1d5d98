// Proxies for every engine connection (HTTP, SSE, WebSocket, realtime) through the maintained
// agents: `https-proxy-agent` (CONNECT through an http or https proxy, for every target, so
// WebSocket upgrades pass too) and `socks-proxy-agent` (SOCKS4/4a/5/5h, with credentials). A
// routing agent asks the ProxyRule per connection (it may answer asynchronously, e.g. PAC) and
// records which route it took, so "Test connection" can say what was used.
import http from 'node:http'
import https from 'node:https'
import type { Duplex } from 'node:stream'
import { Agent, type AgentConnectOpts } from 'agent-base'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { SocksProxyAgent } from 'socks-proxy-agent'
import { directRule, envProxyRule, isSocksProxy, redactProxyUrl, type ProxyRule } from './proxy-rules'
import { withHandshakeTimeout } from './handshake'

export * from './proxy-rules'

/** No answer to CONNECT / the SOCKS handshake within this long is an error, not a hang. */
const HANDSHAKE_TIMEOUT_MS = 15_000

function targetOf(opts: AgentConnectOpts, secure: boolean): URL {
  const host = String(opts.host ?? 'localhost')
  const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
  return new URL(`${secure ? 'https' : 'http'}://${shown}:${opts.port}`)
}

function describeStatus(proxy: string, code: number, text: string | undefined): string {
  const hint =
    code === 407 ? ' — the proxy wants credentials: check the user name and password in the proxy URL' : ''
  return `proxy ${redactProxyUrl(proxy)} refused the tunnel: HTTP ${code} ${text ?? ''}`.trimEnd() + hint
}

function describeError(proxy: string, e: Error): string {
  const msg = e.message
  const auth = /auth/i.test(msg) ? ' — check the user name and password in the proxy URL' : ''
  return `proxy ${redactProxyUrl(proxy)}: ${msg}${auth}`
}

function hostPort(hostname: string, port: string): string {
  return `${hostname.replace(/^\[|\]$/g, '').toLowerCase()}:${port}`
}

type ProxyAgent = HttpsProxyAgent<string> | SocksProxyAgent

/** One pooled agent per target security; routes each new connection by the rule. */
class RoutingAgent extends Agent {
  private readonly proxies = new Map<string, ProxyAgent>()
  private readonly direct: http.Agent

  constructor(
    private readonly rule: ProxyRule,
    private readonly secure: boolean,
    private readonly onRoute: (hostPort: string, proxy: string | null) => void,
  ) {
    super({ keepAlive: true })
    this.direct = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true })
  }

  override isSecureEndpoint(): boolean {
    return this.secure
  }

  private agentFor(proxy: string): ProxyAgent {
    let a = this.proxies.get(proxy)
    if (!a) {
      a = isSocksProxy(proxy)
        ? new SocksProxyAgent(proxy, { timeout: HANDSHAKE_TIMEOUT_MS })
        : new HttpsProxyAgent(proxy)
      this.proxies.set(proxy, a)
    }
    return a
  }

  override async connect(req: http.ClientRequest, opts: AgentConnectOpts): Promise<Duplex | http.Agent> {
    const target = targetOf(opts, this.secure)
    const proxy = await this.rule(target)
    this.onRoute(hostPort(target.hostname, target.port || (this.secure ? '443' : '80')), proxy)
    if (!proxy) return this.direct
    const agent = this.agentFor(proxy)
    // https-proxy-agent answers a refused CONNECT by replaying the proxy's reply as if it came
    // from the target (a 407 would look like the service's own error): turn it into an error.
    let refused: string | null = null
    const onConnect = (connect: { statusCode: number; statusText?: string }, r: unknown) => {
      if (r === req && connect.statusCode !== 200)
        refused = describeStatus(proxy, connect.statusCode, connect.statusText)
    }
    agent.on('proxyConnect', onConnect)
    try {
      const socket = await withHandshakeTimeout(agent.connect(req, opts), HANDSHAKE_TIMEOUT_MS)
      if (refused !== null) {
        socket.destroy()
        throw Object.assign(new Error(refused), { code: 'EPROXYREFUSED' })
      }
      return socket
    } catch (e) {
      if ((e as { code?: string }).code === 'EPROXYREFUSED') throw e
      throw new Error(describeError(proxy, e as Error), { cause: e })
    } finally {
      agent.off('proxyConnect', onConnect)
    }
  }

  /** Idle pooled sockets only; streams already running keep theirs. */
  dropIdle(): void {
    for (const a of [this, this.direct, ...this.proxies.values()])
      for (const list of Object.values(a.freeSockets)) for (const s of list ?? []) s.destroy()
  }

  override destroy(): void {
    super.destroy()
    this.direct.destroy()
    for (const a of this.proxies.values()) a.destroy()
    this.proxies.clear()
  }
}

/** Turns a rule into `Provider.agent`; one routing agent per target security. */
export class ProxyAgents {
  private plain: RoutingAgent | null = null
  private secure: RoutingAgent | null = null
  private readonly routes = new Map<string, string | null>()

  constructor(private rule: ProxyRule) {}

  /** Swap the rule (settings changed). */
  setRule(rule: ProxyRule): void {
    this.rule = rule
    this.plain?.dropIdle()
    this.secure?.dropIdle()
    this.plain = null
    this.secure = null
  }

  private record = (key: string, proxy: string | null): void => {
    this.routes.delete(key)
    this.routes.set(key, proxy)
    if (this.routes.size > 100) this.routes.delete(this.routes.keys().next().value!)
  }

  agentFor = (target: URL): http.Agent | undefined => {
    if (this.rule === directRule) return undefined
    const secure = target.protocol === 'https:' || target.protocol === 'wss:'
    if (secure) return (this.secure ??= new RoutingAgent(this.rule, true, this.record))
    return (this.plain ??= new RoutingAgent(this.rule, false, this.record))
  }

  /** The proxy the rule picks for a target now: 'direct' or the proxy without credentials. */
  async describe(target: URL): Promise<string> {
    const proxy = await this.rule(target)
    return proxy ? redactProxyUrl(proxy) : 'direct'
  }

  /** The route the last connection to this target's host took (undefined: none was made yet). */
  usedFor(target: URL): string | undefined {
    const port = target.port || (target.protocol === 'https:' || target.protocol === 'wss:' ? '443' : '80')
    const key = hostPort(target.hostname, port)
    if (!this.routes.has(key)) return undefined
    const proxy = this.routes.get(key) ?? null
    return proxy ? redactProxyUrl(proxy) : 'direct'
  }

  destroy(): void {
    this.plain?.destroy()
    this.secure?.destroy()
    this.plain = null
    this.secure = null
  }
}

/**
 * The CLI's proxies: HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY (either case), as curl reads
 * them; undefined (direct, no routing agent at all) when none is set.
 */
export function envProxyAgent(env: NodeJS.ProcessEnv): ((target: URL) => http.Agent | undefined) | undefined {
  const set = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY'].some((n) => env[n] || env[n.toLowerCase()])
  return set ? new ProxyAgents(envProxyRule(env)).agentFor : undefined
}
