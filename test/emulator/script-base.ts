// Shared helpers of the step builders.
import { randomBytes } from 'node:crypto'
import type { Step } from './types'

export const DEFAULT_MODEL = 'gpt-5.3-codex'
export const DEFAULT_TEXT = 'Hello from the emulator.'

/** `resp_…`, `msg_…`, `rs_…`, `fc_…`, `call_…` style ids. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`
}

export interface ItemOpts {
  itemId?: string
  outputIndex?: number
  /** Sequence number of the first event (the rest follow). */
  sequenceStart?: number
  chunks?: number
}

/** Split into `n` nearly equal chunks (by code point); fewer when the text is shorter. */
export function splitChunks(text: string, n: number): string[] {
  const chars = Array.from(text)
  if (chars.length === 0) return []
  const count = Math.max(1, Math.min(Math.floor(n) || 1, chars.length))
  const base = Math.floor(chars.length / count)
  const rem = chars.length % count
  const out: string[] = []
  let at = 0
  for (let i = 0; i < count; i++) {
    const len = base + (i < rem ? 1 : 0)
    out.push(chars.slice(at, at + len).join(''))
    at += len
  }
  return out
}

export function ev(type: string, fields: Record<string, unknown>, seq: number | undefined): Step {
  const event: Record<string, unknown> = { type, ...fields }
  if (seq !== undefined) event.sequence_number = seq
  return { event }
}
