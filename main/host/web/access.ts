// Who may talk to the browser host. Everything is refused (403) unless it comes from the page we
// served: the Host header must be ours (DNS rebinding), a cross-site fetch or a foreign Origin is
// refused, and the caller must hold a session cookie obtained by opening the printed link, whose
// token works once (a leaked link, e.g. from shell history, is useless afterwards).
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

export const SESSION_COOKIE = 'assistant_session'

export type AccessDecision =
  { ok: true; setCookie?: string; redirectTo?: string } | { ok: false; status: 403; reason: string }

export interface AccessRequest {
  url: string
  headers: IncomingHttpHeaders
  /** WebSocket upgrades must carry an Origin (browsers always send one). */
  upgrade?: boolean
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return v.join('=')
  }
  return null
}

export class AccessGate {
  readonly token: string
  private tokenSpent = false
  private readonly sessions = new Set<string>()
  private readonly hosts: Set<string>

  constructor(
    readonly port: number,
    token: string = randomBytes(24).toString('base64url'),
  ) {
    this.token = token
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  }

  /** The link to print; open it once. */
  get link(): string {
    return `http://127.0.0.1:${this.port}/?token=${this.token}`
  }

  check(req: AccessRequest): AccessDecision {
    const deny = (reason: string): AccessDecision => ({ ok: false, status: 403, reason })
    const host = req.headers.host ?? ''
    if (!this.hosts.has(host)) return deny(`unexpected Host "${host}"`)
    const origin = req.headers.origin
    if (origin !== undefined && !this.hosts.has(origin.replace(/^http:\/\//, '')))
      return deny(`foreign Origin "${origin}"`)
    if (origin !== undefined && !origin.startsWith('http://')) return deny(`foreign Origin "${origin}"`)
    if (req.upgrade && origin === undefined) return deny('WebSocket upgrade without an Origin')
    const site = req.headers['sec-fetch-site']
    if (typeof site === 'string' && site !== 'same-origin' && site !== 'none')
      return deny(`cross-site request (${site})`)

    const session = cookieValue(req.headers.cookie, SESSION_COOKIE)
    if (session && [...this.sessions].some((s) => same(s, session))) return { ok: true }

    const url = new URL(req.url, 'http://127.0.0.1')
    const presented = url.searchParams.get('token')
    if (presented === null) return deny('no session and no token')
    if (req.upgrade) return deny('the socket needs the session cookie, not a token')
    if (!same(presented, this.token)) return deny('wrong token')
    if (this.tokenSpent) return deny('this link was already used; restart the host for a new one')
    this.tokenSpent = true
    const id = randomBytes(24).toString('base64url')
    this.sessions.add(id)
    url.searchParams.delete('token')
    return {
      ok: true,
      // HttpOnly: the page never sees it. Strict: not sent on cross-site navigations.
      setCookie: `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`,
      // Drop the token from the address bar and history.
      redirectTo: `${url.pathname}${url.search}`,
    }
  }
}
