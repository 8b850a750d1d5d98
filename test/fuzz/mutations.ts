// Mutations of a well-formed stream (issue 11's probe, kept in the project): event-level (wrong
// types, missing fields, unknown/duplicate/post-completion events, deep nesting, huge and tiny
// frames), SSE text (mixed line endings, BOM), bytes (flips, invalid UTF-8, truncation), HTTP
// faults, and WebSocket faults (binary, empty and 12 MB frames, close mid-stream, refusals).
import type { Rng } from './rng'
import { baseStream, frameText, frameType, type Frame, type WireObject } from './streams'

export interface SseCase {
  transport: 'sse'
  seed: number
  mutations: string[]
  status: number
  headers: Record<string, string>
  /** Reset the connection before any response. */
  dropBeforeHeaders: boolean
  writes: Buffer[]
  end: 'end' | 'destroy' | 'stall'
}

export type WsFrame = { text: string | Buffer } | { binary: Buffer }

export interface WsCase {
  transport: 'ws'
  seed: number
  mutations: string[]
  /** Refuse the upgrade with this HTTP status. */
  refuse: number | null
  frames: WsFrame[]
  end: 'open' | 'close' | 'terminate'
  closeCode: number
}

export type FuzzCase = SseCase | WsCase

export interface Limits {
  /** Largest huge frame, in MB (the long run goes to 12 MB over WebSocket). */
  hugeMb: number
  /** Deepest nesting tried. */
  maxDepth: number
}

const WRONG: unknown[] = [null, 0, -1, 1e308, true, '', 'x', [], {}, [1, 2], { a: 1 }]

function deepText(rng: Rng, maxDepth: number): string {
  const depth = rng.pick([10, 100, 1000, 4000, 5000, 20000, maxDepth].filter((d) => d <= maxDepth))
  const [open, close] = rng.pick([
    ['{"a":', '}'],
    ['[', ']'],
    ['{"x":[', ']}'],
  ] as const)
  return open.repeat(depth) + (rng.chance(0.5) ? '1' : '"s"') + close.repeat(depth)
}

/** A random object inside an event (the event itself, its item, response, content part...). */
function innerObjects(v: unknown, out: WireObject[] = [], depth = 0): WireObject[] {
  if (depth > 4 || typeof v !== 'object' || v === null) return out
  if (!Array.isArray(v)) out.push(v as WireObject)
  for (const x of Object.values(v as object)) innerObjects(x, out, depth + 1)
  return out
}

function eventIndex(rng: Rng, frames: Frame[]): number {
  return rng.int(0, frames.length - 1)
}

type EventMutation = (rng: Rng, frames: Frame[], limits: Limits) => void

const eventMutations: Record<string, EventMutation> = {
  wrongType(rng, frames) {
    const f = frames[eventIndex(rng, frames)]!
    if (!('event' in f)) return
    const target = rng.pick(innerObjects(f.event))
    const keys = Object.keys(target)
    if (keys.length) target[rng.pick(keys)] = structuredClone(rng.pick(WRONG))
  },
  missingField(rng, frames) {
    const f = frames[eventIndex(rng, frames)]!
    if (!('event' in f)) return
    const target = rng.pick(innerObjects(f.event))
    const keys = Object.keys(target)
    if (keys.length) delete target[rng.pick(keys)]
  },
  unknownEvent(rng, frames) {
    const type = rng.pick(['response.', 'codex.', '', 'error.']) + rng.word()
    frames.splice(eventIndex(rng, frames), 0, { event: { type, payload: rng.word(), n: rng.int(0, 9) } })
  },
  duplicate(rng, frames) {
    const i = eventIndex(rng, frames)
    for (let k = rng.int(1, 3); k > 0; k--) frames.splice(i, 0, structuredClone(frames[i]!))
  },
  postCompletion(rng, frames) {
    const extra = frames.slice(rng.int(0, frames.length - 1)).map((f) => structuredClone(f))
    frames.push(...extra.slice(0, rng.int(1, 5)))
  },
  dropEvent(rng, frames) {
    frames.splice(eventIndex(rng, frames), 1)
  },
  reorder(rng, frames) {
    const i = eventIndex(rng, frames)
    const j = eventIndex(rng, frames)
    ;[frames[i], frames[j]] = [frames[j]!, frames[i]!]
  },
  deepNesting(rng, frames, limits) {
    // Mostly into an item that gets recorded (what the probe found), else anywhere.
    const items = frames.flatMap((f, k) => (frameType(f) === 'response.output_item.done' ? [k] : []))
    const i = items.length && rng.chance(0.7) ? rng.pick(items) : eventIndex(rng, frames)
    const text = frameText(frames[i]!)
    // Put the junk into the item when there is one, else at the top level.
    const at = text.indexOf('"item":{')
    const pos = at >= 0 ? at + 8 : 1
    frames[i] = { text: text.slice(0, pos) + `"junk":${deepText(rng, limits.maxDepth)},` + text.slice(pos) }
  },
  hugeFrame(rng, frames, limits) {
    const mb = rng.chance(0.5) ? rng.int(1, Math.max(1, limits.hugeMb)) : 1
    const big = 'y'.repeat(mb * 1024 * 1024 - rng.int(0, 1000))
    const i = eventIndex(rng, frames)
    if (rng.chance(0.5))
      frames.splice(i, 0, { event: { type: 'response.output_text.delta', item_id: 'm', delta: big } })
    else frames.splice(i, 0, { event: { type: rng.word(), blob: big } })
  },
  wrongJson(rng, frames) {
    const i = eventIndex(rng, frames)
    const text = frameText(frames[i]!)
    frames[i] = {
      text: rng.pick([text.slice(0, rng.int(0, text.length)), text + '}', 'null', '[]', '"s"', '{}', '']),
    }
  },
  errorFrame(rng, frames) {
    frames.splice(eventIndex(rng, frames), 0, {
      event: {
        type: 'error',
        status: rng.pick([200, 400, 401, 429, 500, 503, 999]),
        error: rng.pick([{ code: 'websocket_connection_limit_reached' }, { message: 'x' }, null, 'str']),
        headers: rng.chance(0.5) ? { 'retry-after': rng.pick(['1', 'x', '-5', '99999']) } : 'no',
      },
    })
  },
}

function mutateEvents(rng: Rng, frames: Frame[], limits: Limits, names: string[]): void {
  for (let k = rng.int(1, 3); k > 0; k--) {
    const name = rng.pick(Object.keys(eventMutations))
    if (frames.length === 0) return
    names.push(name)
    eventMutations[name]!(rng, frames, limits)
  }
}

// --- SSE -----------------------------------------------------------------------------------

function sseText(rng: Rng, frames: Frame[], names: string[]): string {
  const mixed = rng.chance(0.25)
  if (mixed) names.push('mixedLineEndings')
  const eol = () => (mixed ? rng.pick(['\n', '\r\n', '\r']) : '\n')
  let out = ''
  if (rng.chance(0.1)) {
    names.push('bom')
    out += '\uFEFF'.repeat(rng.chance(0.8) ? 1 : 2)
  }
  for (const f of frames) {
    if (rng.chance(0.05)) {
      names.push('comment')
      out += ': keep-alive' + eol() + eol()
    }
    if (rng.chance(0.9)) out += `event: ${frameType(f)}` + eol()
    if (rng.chance(0.03)) out += 'id: ' + rng.word() + eol() + 'retry: ' + rng.word() + eol()
    out += 'data: ' + frameText(f) + eol() + eol()
    if (rng.chance(0.02)) {
      names.push('tinyFrame')
      out += 'data:' + eol() + eol() + 'data' + eol() + eol()
    }
  }
  return out
}

function mutateBytes(rng: Rng, bytes: Buffer, names: string[]): Buffer {
  let b = bytes
  if (rng.chance(0.2)) {
    names.push('byteFlip')
    b = Buffer.from(b)
    for (let k = rng.int(1, 8); k > 0; k--) {
      const i = rng.int(0, b.length - 1)
      b[i] = b[i]! ^ (1 << rng.int(0, 7))
    }
  }
  if (rng.chance(0.15)) {
    names.push('invalidUtf8')
    const bad = rng.pick([
      [0xff],
      [0xc0, 0x80],
      [0x80],
      [0xe2, 0x82],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80],
    ])
    const i = rng.int(0, b.length)
    b = Buffer.concat([b.subarray(0, i), Buffer.from(bad), b.subarray(i)])
  }
  if (rng.chance(0.15)) {
    names.push('truncate')
    b = b.subarray(0, rng.int(0, b.length))
  }
  return b
}

function chunk(rng: Rng, bytes: Buffer, names: string[]): Buffer[] {
  const mode = rng.next()
  let size: () => number
  if (mode < 0.15 && bytes.length < 200_000) {
    names.push('tinyWrites')
    size = () => rng.int(1, 7)
  } else if (mode < 0.5) size = () => rng.int(1, 4096)
  else if (mode < 0.7) size = () => 1024
  else return [bytes]
  const out: Buffer[] = []
  for (let i = 0; i < bytes.length;) {
    const n = size()
    out.push(bytes.subarray(i, i + n))
    i += n
  }
  return out
}

const HTTP_FAULTS = [
  'status',
  'wrongContentType',
  'dropBeforeHeaders',
  'destroyMidBody',
  'stall',
  'none',
] as const

export function sseCase(rng: Rng, seed: number, limits: Limits): SseCase {
  const names: string[] = []
  const frames = baseStream(rng)
  if (rng.chance(0.85)) mutateEvents(rng, frames, limits, names)
  const c: SseCase = {
    transport: 'sse',
    seed,
    mutations: names,
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    dropBeforeHeaders: false,
    writes: [],
    end: 'end',
  }
  const fault = rng.chance(0.25) ? rng.pick(HTTP_FAULTS) : 'none'
  if (fault !== 'none') names.push(`http:${fault}`)
  if (fault === 'status') {
    c.status = rng.pick([400, 401, 403, 404, 408, 413, 429, 500, 502, 503, 504])
    c.headers = { 'content-type': rng.pick(['application/json', 'text/html', 'text/plain']) }
    if (rng.chance(0.4)) c.headers['retry-after'] = rng.pick(['0', '1', 'soon', '-1', '1e9'])
    const body = rng.pick([
      JSON.stringify({ error: { code: rng.word(), message: 'Please try again in 0.01s', type: rng.word() } }),
      '<html>bad gateway</html>',
      '',
      'x'.repeat(rng.int(1, 200_000)),
      '{"error":' + '['.repeat(3000),
    ])
    c.writes = [Buffer.from(body)]
    c.mutations = [...new Set(names)]
    return c
  }
  if (fault === 'wrongContentType')
    c.headers['content-type'] = rng.pick(['text/html', 'application/json', ''])
  if (fault === 'dropBeforeHeaders') c.dropBeforeHeaders = true
  if (fault === 'destroyMidBody') c.end = 'destroy'
  if (fault === 'stall') c.end = 'stall'
  const bytes = mutateBytes(rng, Buffer.from(sseText(rng, frames, names)), names)
  c.writes = chunk(rng, bytes, names)
  c.mutations = [...new Set(names)]
  return c
}

// --- WebSocket -----------------------------------------------------------------------------

export function wsCase(rng: Rng, seed: number, limits: Limits): WsCase {
  const names: string[] = []
  const frames = baseStream(rng)
  if (rng.chance(0.8)) mutateEvents(rng, frames, limits, names)
  const c: WsCase = {
    transport: 'ws',
    seed,
    mutations: names,
    refuse: null,
    frames: [],
    end: 'open',
    closeCode: 1000,
  }
  if (rng.chance(0.05)) {
    c.refuse = rng.pick([400, 401, 404, 426, 429, 500, 503])
    names.push(`refuse:${c.refuse}`)
    c.mutations = [...new Set(names)]
    return c
  }
  c.frames = frames.map((f) => ({ text: frameText(f) }))
  const at = () => rng.int(0, c.frames.length)
  if (rng.chance(0.1)) {
    names.push('binary')
    c.frames.splice(at(), 0, { binary: Buffer.from([0xde, 0xad, 0xbe, 0xef]) })
  }
  if (rng.chance(0.1)) {
    names.push('empty')
    c.frames.splice(at(), 0, { text: '' })
  }
  if (rng.chance(0.05)) {
    names.push('frame12MB')
    const big = 'z'.repeat(Math.min(12, limits.hugeMb) * 1024 * 1024)
    c.frames.splice(at(), 0, {
      text: rng.chance(0.5) ? JSON.stringify({ type: 'response.output_text.delta', delta: big }) : big,
    })
  }
  if (rng.chance(0.1)) {
    names.push('invalidUtf8Text')
    const i = rng.int(0, c.frames.length - 1)
    const f = c.frames[i]
    if (f && 'text' in f)
      c.frames[i] = { text: Buffer.concat([Buffer.from(f.text), Buffer.from([0xff, 0xc0])]) }
  }
  if (rng.chance(0.1)) {
    names.push('byteFlip')
    const i = rng.int(0, c.frames.length - 1)
    const f = c.frames[i]
    if (f && 'text' in f && f.text.length > 0) {
      const b = Buffer.from(f.text)
      const j = rng.int(0, b.length - 1)
      b[j] = b[j]! ^ (1 << rng.int(0, 7))
      c.frames[i] = { text: b }
    }
  }
  const end = rng.next()
  if (end < 0.1) {
    names.push('closeMidStream')
    c.frames = c.frames.slice(0, at())
    c.end = 'close'
    c.closeCode = rng.pick([1000, 1001, 1008, 1011, 4000])
  } else if (end < 0.2) {
    names.push('terminateMidStream')
    c.frames = c.frames.slice(0, at())
    c.end = 'terminate'
  }
  c.mutations = [...new Set(names)]
  return c
}
