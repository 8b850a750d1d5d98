// Which proxy a connection uses. A ProxyRule decides per target URL: a proxy URL (http, https,
// socks4/4a/5/5h, with optional credentials) or null for a direct connection. Rules may answer
// asynchronously (Chromium's PAC/WPAD resolver in the desktop app, see pac.ts).
import { PROXY_SCHEMES, normalizeProxyUrl } from '@shared/proxy-url'

/** The proxy URL for a target, or null to connect directly. */
export type ProxyRule = (target: URL) => string | null | Promise<string | null>

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
  const allProxy = get('ALL_PROXY')
  const noProxy = get('NO_PROXY')
  return (target) => {
    const secure = target.protocol === 'https:' || target.protocol === 'wss:'
    const chosen = (secure ? httpsProxy || httpProxy : httpProxy) || allProxy
    if (!chosen || bypassesProxy(target, noProxy)) return null
    return normalizeProxyUrl(chosen)
  }
}

export { PROXY_SCHEMES, normalizeProxyUrl }

export function isSocksProxy(proxyUrl: string): boolean {
  return /^socks/i.test(proxyUrl)
}

function defaultPort(protocol: string): number {
  return protocol === 'https:' || protocol === 'wss:' ? 443 : 80
}

/** Chromium's token for a bypass list: send loopback targets through the proxy too. */
export const PROXY_LOOPBACK = '<-loopback>'

/** localhost, *.localhost, 127.0.0.0/8 and ::1: this machine, never the proxy's. */
function isLoopbackHost(hostname: string): boolean {
  const h = hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '')
  const v4 = h.split('.')
  const is127 = v4.length === 4 && v4[0] === '127' && v4.every((x) => /^\d{1,3}$/.test(x))
  return h === 'localhost' || h.endsWith('.localhost') || is127 || h === '::1'
}

/**
 * NO_PROXY semantics: `*`, exact hosts, domain suffixes (`example.com`, `.example.com`), host:port.
 * Loopback targets always go direct, as in Chromium and Go (a local model server or MCP server is
 * on this machine, and a bearer token must not cross a tunnel to it), unless the list holds
 * `<-loopback>`.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const port = Number(target.port) || defaultPort(target.protocol)
  const entries = noProxy.split(/[,\s]+/)
  if (isLoopbackHost(host) && !entries.includes(PROXY_LOOPBACK)) return true
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase()
    if (!entry || entry === PROXY_LOOPBACK) continue
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
