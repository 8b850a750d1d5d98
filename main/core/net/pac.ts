// PAC/WPAD answers ("PROXY h:p; SOCKS5 h:p; DIRECT") → a ProxyRule. The host supplies the
// resolver (Electron: session.resolveProxy, which runs the system's PAC script or WPAD); the
// engine asks it per connection, so a PAC script that routes hosts differently is followed.
import type { ProxyRule } from './proxy-rules'

export interface PacChoice {
  proxy: string | null
  skipped: string[]
}

/** The first entry we can use, in order; an empty or DIRECT answer means a direct connection. */
export function parsePacResult(result: string): PacChoice {
  const skipped: string[] = []
  for (const raw of result.split(';')) {
    const [kind = '', hostPort = ''] = raw.trim().split(/\s+/)
    const k = kind.toUpperCase()
    if (k === 'DIRECT') return { proxy: null, skipped }
    if (hostPort) {
      // Chromium's names: SOCKS means SOCKS4; SOCKS5 resolves names at the proxy.
      const scheme = {
        PROXY: 'http',
        HTTP: 'http',
        HTTPS: 'https',
        SOCKS: 'socks4',
        SOCKS4: 'socks4',
        SOCKS5: 'socks5h',
      }[k]
      if (scheme) return { proxy: `${scheme}://${hostPort}`, skipped }
    }
    if (k) skipped.push(raw.trim())
  }
  return { proxy: null, skipped }
}

export interface PacRuleOptions {
  /** How long one origin's answer is reused (PAC lookups cost an IPC round trip or a script run). */
  ttlMs?: number
  onError?: (error: Error) => void
  onSkipped?: (entries: string[]) => void
  now?: () => number
}

/** A rule that asks `resolve` (per origin, cached for `ttlMs`); a failed lookup goes direct. */
export function pacRule(resolve: (url: string) => Promise<string>, opts: PacRuleOptions = {}): ProxyRule {
  const ttl = opts.ttlMs ?? 60_000
  const now = opts.now ?? Date.now
  const cache = new Map<string, { at: number; proxy: Promise<string | null> }>()
  return (target) => {
    const origin = `${target.protocol}//${target.host}`
    const hit = cache.get(origin)
    if (hit && now() - hit.at < ttl) return hit.proxy
    const proxy = resolve(target.toString()).then(
      (answer) => {
        const choice = parsePacResult(answer)
        if (choice.skipped.length > 0) opts.onSkipped?.(choice.skipped)
        return choice.proxy
      },
      (e: Error) => {
        cache.delete(origin)
        opts.onError?.(e)
        return null
      },
    )
    cache.set(origin, { at: now(), proxy })
    return proxy
  }
}
