// A small GET/POST for unary JSON endpoints (/models, token refresh), with a timeout.
import http from 'node:http'
import https from 'node:https'

export interface UnaryResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

export interface UnaryRequest {
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string | Uint8Array
  timeoutMs?: number
  agent?: http.Agent
  signal?: AbortSignal
}

const MAX_BODY = 8 * 1024 * 1024

export function unaryRequest(urlText: string, opts: UnaryRequest = {}): Promise<UnaryResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(urlText)
    const mod = url.protocol === 'https:' ? https : http
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(opts.body))
    const req = mod.request(url, {
      method: opts.method ?? 'GET',
      headers,
      agent: opts.agent,
      signal: opts.signal,
    })
    req.setTimeout(opts.timeoutMs ?? 15_000, () =>
      req.destroy(new Error(`timed out after ${opts.timeoutMs ?? 15_000} ms`)),
    )
    req.on('error', reject)
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (c: Buffer) => {
        size += c.length
        if (size > MAX_BODY) req.destroy(new Error('response too large'))
        else chunks.push(c)
      })
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      )
      res.on('error', reject)
    })
    req.end(opts.body)
  })
}
