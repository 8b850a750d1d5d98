// Responses API over HTTP SSE (protocol.md §1.1–1.3, §1.5–1.7). One call = one HTTP attempt;
// retries live in the client. Uses node:http(s) directly: less overhead than fetch on the hot
// path, and a custom agent carries proxies.
import http from 'node:http'
import https from 'node:https'
import { StringDecoder } from 'node:string_decoder'
import { SseParser, SseFrameTooLargeError } from './sse-parser'
import { ModelError, mapHttpStatus } from './errors'
import { headerGetter, readResponseMeta, type ResponseMeta } from './headers'
import { parseRetryAfter } from './retry'
import type { StreamSink } from './stream'

export interface HttpStreamRequest {
  url: string
  headers: Record<string, string>
  body: Uint8Array
  signal: AbortSignal
  idleTimeoutMs: number
  agent?: http.Agent
}

export interface HttpAttemptInfo {
  status: number
  /** Time from sending the request to the response headers. */
  requestMs: number
  bytesIn: number
}

const MAX_ERROR_BODY = 64 * 1024

/**
 * POST the request and feed every SSE `data:` payload to the sink. Resolves when the sink says
 * the stream is over (response.completed) or at EOF; the sink decides what EOF means.
 * Rejects with a ModelError for HTTP errors, transport errors and idle timeouts.
 */
export function streamHttp(
  req: HttpStreamRequest,
  onMeta: (meta: ResponseMeta, status: number) => void,
  sink: StreamSink,
): Promise<HttpAttemptInfo> {
  return new Promise((resolve, reject) => {
    const url = new URL(req.url)
    const mod = url.protocol === 'https:' ? https : http
    const started = performance.now()
    let settled = false
    let timer: NodeJS.Timeout | undefined
    let bytesIn = 0
    let status = 0
    let requestMs = 0

    const finish = (err: ModelError | null) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req.signal.removeEventListener('abort', onAbort)
      if (err) reject(err)
      else resolve({ status, requestMs, bytesIn })
    }
    const armIdle = (what: string) => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        finish(new ModelError(what, 'idle_timeout', true))
        request.destroy()
      }, req.idleTimeoutMs)
    }
    // Per chunk: push the same timer back rather than make a new one.
    const touchIdle = () => (timer ? timer.refresh() : armIdle('idle timeout waiting for SSE'))
    const onAbort = () => {
      request.destroy()
      finish(new ModelError('request aborted', 'transport', false))
    }

    const request = mod.request(url, {
      method: 'POST',
      headers: { ...req.headers, 'Content-Length': String(req.body.byteLength) },
      agent: req.agent,
    })
    req.signal.addEventListener('abort', onAbort, { once: true })
    if (req.signal.aborted) return onAbort()

    request.on('error', (e) => finish(new ModelError(`transport error: ${e.message}`, 'transport', true)))
    request.on('response', (res) => {
      status = res.statusCode ?? 0
      requestMs = performance.now() - started
      const get = headerGetter(res.headers)
      try {
        onMeta(readResponseMeta(get, Object.keys(res.headers)), status)
      } catch (e) {
        res.destroy()
        return finish(streamFault(e))
      }

      if (status < 200 || status >= 300) {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          if (size < MAX_ERROR_BODY) chunks.push(c)
          size += c.length
        })
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BODY)
          finish(mapHttpStatus(status, body, parseRetryAfter(get('retry-after'))))
        })
        res.on('error', () => finish(mapHttpStatus(status, '', parseRetryAfter(get('retry-after')))))
        return
      }

      const decoder = new StringDecoder('utf8')
      let stop = false
      const parser = new SseParser((data) => {
        if (!stop && sink.data(data)) stop = true
      })
      armIdle('idle timeout waiting for SSE')
      // Nothing thrown while parsing or handling may escape this socket handler (issue 11).
      const feed = (text: string): boolean => {
        try {
          parser.push(text)
          return true
        } catch (e) {
          res.destroy()
          finish(streamFault(e))
          return false
        }
      }
      res.on('data', (c: Buffer) => {
        if (settled) return
        bytesIn += c.length
        if (!feed(decoder.write(c))) return
        if (stop) {
          res.destroy()
          finish(null)
        } else touchIdle()
      })
      res.on('end', () => {
        if (settled || !feed(decoder.end())) return
        finish(null)
      })
      res.on('aborted', () => finish(null))
      res.on('error', () => finish(null))
      res.on('close', () => finish(null))
    })
    request.end(req.body)
  })
}

/** What a throw inside the stream's data path amounts to: an error for this stream only. */
function streamFault(e: unknown): ModelError {
  if (e instanceof SseFrameTooLargeError) return new ModelError(e.message, 'malformed_event', false)
  return new ModelError(`internal error reading the stream: ${(e as Error)?.message ?? e}`, 'internal', false)
}
