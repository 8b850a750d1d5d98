// Small HTTP helpers shared by the route handlers.
import { randomBytes } from 'node:crypto'
import { STATUS_CODES, type IncomingHttpHeaders, type ServerResponse } from 'node:http'

export function requestId(): string {
  return `req_${randomBytes(16).toString('hex')}`
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'x-request-id': requestId(),
    ...headers,
  })
  res.end(text)
}

/** Lower-cased names, multi-valued headers joined with ', '. */
export function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}

export function splitUrl(rawUrl: string | undefined): { path: string; query: Record<string, string> } {
  let url: URL
  try {
    url = new URL(rawUrl ?? '/', 'http://emulator.invalid')
  } catch {
    return { path: rawUrl ?? '/', query: {} }
  }
  const query: Record<string, string> = {}
  for (const [k, v] of url.searchParams) query[k] = v
  return { path: url.pathname, query }
}

/** Raw HTTP response on an upgrade socket that we refuse to upgrade. */
export function refusalResponse(status: number, body: unknown, headers: Record<string, string> = {}): string {
  const text = JSON.stringify(body)
  const lines = [
    `HTTP/1.1 ${status} ${statusText(status)}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ]
  return `${lines.join('\r\n')}\r\n\r\n${text}`
}

function statusText(status: number): string {
  return STATUS_CODES[status] ?? 'Error'
}
