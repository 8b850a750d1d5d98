// Reading and decoding HTTP request bodies: Content-Encoding (identity / zstd), then JSON.
import type { IncomingMessage } from 'node:http'
import { decompress } from '@mongodb-js/zstd'
import { apiError, type ApiErrorBody } from './errors'

export const MAX_BODY_BYTES = 64 * 1024 * 1024

export type Decoded = { ok: true; json: unknown } | { ok: false; status: number; body: ApiErrorBody }

const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd])

/** Collects the raw body; rejects (and the caller answers 413) past MAX_BODY_BYTES. */
export function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on('data', (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        done = true
        resolve('too-large')
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks))
      done = true
    })
    req.on('error', (e) => {
      if (!done) reject(e)
      done = true
    })
  })
}

/** Decodes the bytes per `Content-Encoding` and parses JSON, failing the way the real service would. */
export async function decodeJson(raw: Buffer, contentEncoding: string | undefined): Promise<Decoded> {
  const encoding = (contentEncoding ?? '').trim().toLowerCase()
  let bytes = raw
  if (encoding === 'zstd') {
    if (raw.length < 4 || !raw.subarray(0, 4).equals(ZSTD_MAGIC)) {
      return fail(
        400,
        'Request body is not valid zstd data (Content-Encoding: zstd).',
        'invalid_body_encoding',
      )
    }
    try {
      bytes = await decompress(raw)
    } catch (e) {
      return fail(
        400,
        `Could not decompress zstd request body: ${(e as Error).message}`,
        'invalid_body_encoding',
      )
    }
  } else if (encoding !== '' && encoding !== 'identity') {
    return fail(
      415,
      `Unsupported Content-Encoding: '${contentEncoding ?? ''}'.`,
      'unsupported_content_encoding',
    )
  }
  if (bytes.length === 0)
    return fail(400, 'We could not parse the JSON body of your request: empty body.', 'invalid_json')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return fail(
      400,
      'We could not parse the JSON body of your request: body is not valid UTF-8.',
      'invalid_json',
    )
  }
  try {
    return { ok: true, json: JSON.parse(text) }
  } catch (e) {
    return fail(
      400,
      `We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.) ${(e as Error).message}`,
      'invalid_json',
    )
  }
}

function fail(status: number, message: string, code: string): Decoded {
  return { ok: false, status, body: apiError(message, code) }
}
