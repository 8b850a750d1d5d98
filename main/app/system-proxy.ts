// The system proxy in the Electron app: Chromium resolves it (PAC scripts, OS settings) through
// session.resolveProxy, asynchronously; the engine needs an answer synchronously per connection,
// so the result for the provider's URL is resolved ahead of time and refreshed on changes.
import type { ProxyRule } from '../core/net/proxy'
import type { Logger } from '../core/log'

/** "PROXY h:p; HTTPS h:p; SOCKS5 h:p; DIRECT" → the first proxy we can use, or null (direct). */
export function parsePacResult(result: string): { proxy: string | null; skipped: string[] } {
  const skipped: string[] = []
  for (const raw of result.split(';')) {
    const [kind = '', hostPort = ''] = raw.trim().split(/\s+/)
    const k = kind.toUpperCase()
    if (k === 'DIRECT') return { proxy: null, skipped }
    if ((k === 'PROXY' || k === 'HTTP') && hostPort) return { proxy: `http://${hostPort}`, skipped }
    if (k === 'HTTPS' && hostPort) return { proxy: `https://${hostPort}`, skipped }
    if (k) skipped.push(raw.trim()) // SOCKS: not supported by the CONNECT agent
  }
  return { proxy: null, skipped }
}

export class SystemProxy {
  private current: string | null = null

  constructor(
    private readonly resolve: (url: string) => Promise<string>,
    private readonly logger: Logger,
  ) {}

  readonly rule: ProxyRule = () => this.current

  /** Resolve the system proxy for `target` (the provider's base URL). */
  async refresh(target: string): Promise<string | null> {
    try {
      const { proxy, skipped } = parsePacResult(await this.resolve(target))
      if (skipped.length > 0)
        this.logger.log('warn', 'system proxy entries not supported (SOCKS)', { skipped: skipped.join(', ') })
      this.current = proxy
    } catch (e) {
      this.logger.log('warn', 'could not resolve the system proxy; connecting directly', {
        error: (e as Error).message,
      })
      this.current = null
    }
    return this.current
  }
}
