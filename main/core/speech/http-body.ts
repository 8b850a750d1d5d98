// One POST whose answer is read as it arrives (audio bytes or SSE), for the audio endpoints.
// Non-2xx answers become the same ModelError the chat requests use (plain words, HTTP status).
import http from 'node:http'
import https from 'node:https'
import { ModelError, mapHttpStatus } from '../responses/errors'
import { parseRetryAfter } from '../responses/retry'
import { joinUrl, mergeHeaders, type Provider } from '../provider'

const MAX_ERROR_BODY = 64 * 1024
/** A 2xx answer larger than this is cut off with an error (one speech piece is < 1 MB of PCM). */
export const MAX_AUDIO_ANSWER_BYTES = 32 * 1024 * 1024

export interface AudioRequest {
  provider: Provider
  defaultHeaders: Record<string, string>
  /** Path under the provider's base URL, e.g. `audio/speech`. */
  path: string
  headers: Record<string, string>
  body: Uint8Array
  signal: AbortSignal
  /** Called per chunk of a 2xx answer, with its content type. */
  onChunk: (chunk: Buffer, contentType: string) => void
  idleTimeoutMs?: number
  /** Bytes of a 2xx answer before the request is ended with an error (default MAX_AUDIO_ANSWER_BYTES). */
  maxBytes?: number
}

/** Resolves at the end of a 2xx answer; rejects with a ModelError otherwise. */
export async function postStreaming(r: AudioRequest): Promise<void> {
  const auth = await r.provider.auth.headers()
  const url = new URL(joinUrl(r.provider.baseUrl, r.path, r.provider.queryParams))
  const headers = mergeHeaders(r.provider.headers, r.headers, r.defaultHeaders, auth)
  const mod = url.protocol === 'https:' ? https : http
  const idleMs = r.idleTimeoutMs ?? 60_000
  return new Promise((resolve, reject) => {
    let settled = false
    const finish = (err: Error | null) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      r.signal.removeEventListener('abort', onAbort)
      if (err) reject(err)
      else resolve()
    }
    const timer = setTimeout(() => {
      request.destroy()
      finish(new ModelError(`no answer from ${url.pathname} for ${idleMs} ms`, 'idle_timeout', true))
    }, idleMs)
    const onAbort = () => {
      request.destroy()
      finish(new ModelError('request aborted', 'transport', false))
    }
    const request = mod.request(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(r.body.byteLength) },
      agent: r.provider.agent?.(url),
    })
    r.signal.addEventListener('abort', onAbort, { once: true })
    if (r.signal.aborted) return onAbort()
    request.on('error', (e) => finish(new ModelError(`transport error: ${e.message}`, 'transport', true)))
    request.on('response', (res) => {
      const status = res.statusCode ?? 0
      const chunks: Buffer[] = []
      let size = 0
      let received = 0
      const maxBytes = r.maxBytes ?? MAX_AUDIO_ANSWER_BYTES
      const ok = status >= 200 && status < 300
      const type = String(res.headers['content-type'] ?? '')
      res.on('data', (c: Buffer) => {
        timer.refresh()
        if (settled) return
        if (ok) {
          received += c.length
          if (received <= maxBytes) return r.onChunk(c, type)
          request.destroy()
          return finish(
            new ModelError(
              `the answer from ${url.pathname} is larger than ${maxBytes} bytes`,
              'transport',
              false,
            ),
          )
        }
        if (size < MAX_ERROR_BODY) chunks.push(c)
        size += c.length
      })
      res.on('end', () => {
        if (ok) return finish(null)
        const body = Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BODY)
        const retryAfter = res.headers['retry-after']
        const retry = parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : undefined)
        finish(mapHttpStatus(status, body, retry))
      })
      res.on('error', (e) => finish(new ModelError(`transport error: ${e.message}`, 'transport', true)))
      res.on('close', () => finish(ok ? null : mapHttpStatus(status, '', null)))
    })
    request.end(r.body)
  })
}
