// A `fetch` that goes through a node:http Agent, for libraries that take a fetch (the MCP SDK's
// Streamable HTTP transport) while the app's proxies are node:http agents (proxy.ts). Global fetch
// (undici) cannot use those agents. Enough of fetch for JSON-RPC over HTTP and SSE: method,
// headers, a string or byte body, an abort signal, a streamed response body. Redirects are not
// followed (the 3xx response is returned): an MCP endpoint is a fixed URL.
import http from 'node:http'
import https from 'node:https'
import { Readable } from 'node:stream'

export type AgentFor = (target: URL) => http.Agent | undefined

async function bodyBytes(body: unknown): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string') return Buffer.from(body)
  if (body instanceof Uint8Array) return Buffer.from(body)
  if (body instanceof ArrayBuffer) return Buffer.from(body)
  if (body instanceof URLSearchParams) return Buffer.from(body.toString())
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer())
  throw new TypeError('agentFetch: unsupported request body')
}

/** `fetch` through `agentFor(url)`; where it answers undefined (direct), the global fetch is used. */
export function agentFetch(agentFor: AgentFor): typeof fetch {
  return async (input, init = {}) => {
    const req = input instanceof Request ? input : null
    const url = new URL(req ? req.url : String(input))
    const agent = agentFor(url)
    if (!agent) return fetch(input, init)
    const headers = new Headers(req?.headers)
    new Headers(init.headers).forEach((v, k) => headers.set(k, v))
    const body = await bodyBytes(init.body ?? (req?.body ? await req.arrayBuffer() : undefined))
    if (body) headers.set('content-length', String(body.length))
    const signal = init.signal ?? req?.signal ?? undefined
    signal?.throwIfAborted()
    const mod = url.protocol === 'https:' ? https : http
    return new Promise<Response>((resolve, reject) => {
      const request = mod.request(url, {
        method: init.method ?? req?.method ?? 'GET',
        headers: Object.fromEntries(headers),
        agent,
      })
      const onAbort = () => request.destroy(signal?.reason ?? new Error('aborted'))
      signal?.addEventListener('abort', onAbort, { once: true })
      request.on('error', (e) => {
        signal?.removeEventListener('abort', onAbort)
        reject(new TypeError(`fetch failed: ${e.message}`, { cause: e }))
      })
      request.on('response', (res) => {
        res.on('close', () => signal?.removeEventListener('abort', onAbort))
        const out = new Headers()
        for (const [k, v] of Object.entries(res.headers))
          for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) out.append(k, x)
        const status = res.statusCode ?? 502
        const noBody = status === 204 || status === 304 || request.method === 'HEAD'
        if (noBody) res.resume()
        resolve(
          new Response(noBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
            status,
            statusText: res.statusMessage ?? '',
            headers: out,
          }),
        )
      })
      request.end(body)
    })
  }
}
