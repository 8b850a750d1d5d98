// Messages on the browser host's WebSocket, and how binary payloads (audio frames, issue 6) travel
// as binary WebSocket frames instead of base64 inside JSON.
//
// Text frame:   JSON of a SocketMessage.
// Binary frame: [u32 LE header length][header: JSON of the message, each binary field replaced by
//               {"$bin": n}][the binary parts back to back; their lengths are in header.$parts].
// Only top-level fields of `op` and query `input` (client→host) and of `event` and a reply's `value`
// (host→client) may be binary: that keeps the per-message check to a handful of keys on the hot path.
import { z } from 'zod'

export type ClientMessage =
  | { t: 'op'; id: number; op: Record<string, unknown> }
  | { t: 'query'; id: number; name: string; input: unknown }
export type HostMessage =
  | { t: 'reply'; id: number; ok: true; value?: unknown }
  | { t: 'reply'; id: number; ok: false; error: string }
  | { t: 'event'; event: Record<string, unknown> }
export type SocketMessage = ClientMessage | HostMessage

export const ClientMessageSchema = z.discriminatedUnion('t', [
  z.strictObject({
    t: z.literal('op'),
    id: z.number().int().nonnegative(),
    op: z.record(z.string(), z.unknown()),
  }),
  z.strictObject({
    t: z.literal('query'),
    id: z.number().int().nonnegative(),
    name: z.string().max(100),
    input: z.unknown().optional(),
  }),
])

/** Which field of a message may carry binary top-level fields. */
function payloadKey(msg: { t?: unknown; ok?: unknown }): 'op' | 'event' | 'input' | 'value' | null {
  if (msg.t === 'op') return 'op'
  if (msg.t === 'event') return 'event'
  if (msg.t === 'query') return 'input'
  if (msg.t === 'reply' && msg.ok === true) return 'value'
  return null
}

function payloadOf(msg: SocketMessage): Record<string, unknown> | null {
  const key = payloadKey(msg)
  const v = key ? (msg as unknown as Record<string, unknown>)[key] : null
  return v && typeof v === 'object' && !Array.isArray(v) && !isBinary(v)
    ? (v as Record<string, unknown>)
    : null
}

function isBinary(v: unknown): v is Uint8Array | ArrayBuffer {
  return v instanceof Uint8Array || v instanceof ArrayBuffer
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** A string for ordinary messages; bytes when the op/event carries binary fields. */
export function encodeMessage(msg: SocketMessage): string | Uint8Array<ArrayBuffer> {
  const payload = payloadOf(msg)
  let binaryKeys: string[] | null = null
  if (payload) {
    for (const k in payload) if (isBinary(payload[k])) (binaryKeys ??= []).push(k)
  }
  if (!payload || !binaryKeys) return JSON.stringify(msg)

  const parts: Uint8Array[] = []
  const replaced: Record<string, unknown> = { ...payload }
  for (const k of binaryKeys) {
    const v = payload[k] as Uint8Array | ArrayBuffer
    replaced[k] = { $bin: parts.length }
    parts.push(v instanceof Uint8Array ? v : new Uint8Array(v))
  }
  const header = encoder.encode(
    JSON.stringify({
      ...msg,
      [payloadKey(msg)!]: replaced,
      $parts: parts.map((p) => p.byteLength),
    }),
  )
  const total = 4 + header.byteLength + parts.reduce((n, p) => n + p.byteLength, 0)
  const out = new Uint8Array(total)
  new DataView(out.buffer).setUint32(0, header.byteLength, true)
  out.set(header, 4)
  let at = 4 + header.byteLength
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}

/** The inverse of encodeMessage. Throws on anything malformed (the caller answers with an error). */
export function decodeMessage(data: string | Uint8Array | ArrayBuffer): unknown {
  if (typeof data === 'string') return JSON.parse(data)
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data)
  if (bytes.byteLength < 4) throw new Error('binary frame too short')
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true)
  if (4 + headerLength > bytes.byteLength) throw new Error('binary frame header overruns the frame')
  const header = JSON.parse(decoder.decode(bytes.subarray(4, 4 + headerLength))) as Record<string, unknown>
  const lengths = header.$parts
  if (!Array.isArray(lengths) || !lengths.every((n) => Number.isInteger(n) && n >= 0))
    throw new Error('binary frame without a valid part table')
  delete header.$parts
  const parts: Uint8Array[] = []
  let at = 4 + headerLength
  for (const n of lengths as number[]) {
    if (at + n > bytes.byteLength) throw new Error('binary part overruns the frame')
    parts.push(bytes.slice(at, at + n)) // a copy: the part must not pin the whole frame
    at += n
  }
  const key = payloadKey(header)
  const payload = key ? header[key] : null
  if (!payload || typeof payload !== 'object') throw new Error('binary frame without a payload')
  for (const [k, v] of Object.entries(payload as Record<string, unknown>)) {
    if (k === '__proto__') throw new Error('binary frame with a forbidden field')
    if (v && typeof v === 'object' && '$bin' in v) {
      const part = parts[(v as { $bin: number }).$bin]
      if (!part) throw new Error(`binary field "${k}" points at a missing part`)
      ;(payload as Record<string, unknown>)[k] = part
    }
  }
  return header
}
