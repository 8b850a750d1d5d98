// Proxy URL parsing shared by the settings schema and the engine, so a value Settings accepts is
// always one the engine can use (a mismatch used to crash the app at start).

export const PROXY_SCHEMES = ['http', 'https', 'socks', 'socks4', 'socks4a', 'socks5', 'socks5h'] as const

/** `host:port` → `http://host:port`; http(s) proxies tunnel with CONNECT, socks* speak SOCKS. */
export function normalizeProxyUrl(raw: string): string {
  const text = raw.trim()
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`)
  const scheme = url.protocol.replace(/:$/, '')
  if (!(PROXY_SCHEMES as readonly string[]).includes(scheme))
    throw new Error(`unsupported proxy scheme "${scheme}" (use ${PROXY_SCHEMES.join(', ')})`)
  if (!url.hostname) throw new Error('the proxy URL has no host')
  return url.toString().replace(/\/$/, '')
}

/** Whether normalizeProxyUrl accepts the value (bad scheme, host or port all fail). */
export function isUsableProxyUrl(raw: string): boolean {
  try {
    normalizeProxyUrl(raw)
    return true
  } catch {
    return false
  }
}
