// Step builders: wire-exact Responses stream events (protocol.md §1.5) in realistic OpenAI shapes.
import { randomBytes } from 'node:crypto'
import { DEFAULT_MODEL, ev, newId, splitChunks, type ItemOpts } from './script-base'
import type { Step } from './types'

export { DEFAULT_MODEL, DEFAULT_TEXT, newId, splitChunks, type ItemOpts } from './script-base'
export * from './script-tools'
export * from './script-web'

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}

/** Either the flat form (`cached_tokens`, `reasoning_tokens`) or the wire form (`*_details`). */
export interface UsageOpts {
  input_tokens?: number
  output_tokens?: number
  total_tokens?: number
  cached_tokens?: number
  reasoning_tokens?: number
  input_tokens_details?: { cached_tokens?: number }
  output_tokens_details?: { reasoning_tokens?: number }
}

export interface ResponseOpts {
  responseId?: string
  model?: string
  /** Put into `response.headers` (e.g. `{ 'OpenAI-Model': 'gpt-5.2' }`). */
  responseHeaders?: Record<string, string>
  sequenceNumber?: number
}

export interface CompletedOpts extends ResponseOpts {
  /** `null` omits usage entirely. */
  usage?: UsageOpts | null
  endTurn?: boolean
  output?: unknown[]
}

export interface MessageOpts extends ItemOpts {
  phase?: 'commentary' | 'final_answer'
}

export interface TextAnswerOpts extends MessageOpts {
  responseId?: string
  model?: string
  usage?: UsageOpts | null
  responseHeaders?: Record<string, string>
  endTurn?: boolean
}

export function usageObject(u: UsageOpts = {}): Record<string, unknown> {
  const input = u.input_tokens ?? 12
  const output = u.output_tokens ?? 8
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: u.cached_tokens ?? u.input_tokens_details?.cached_tokens ?? 0 },
    output_tokens: output,
    output_tokens_details: {
      reasoning_tokens: u.reasoning_tokens ?? u.output_tokens_details?.reasoning_tokens ?? 0,
    },
    total_tokens: u.total_tokens ?? input + output,
  }
}

function responseObject(status: string, opts: ResponseOpts): Record<string, unknown> {
  const r: Record<string, unknown> = {
    id: opts.responseId ?? newId('resp'),
    object: 'response',
    created_at: nowSeconds(),
    model: opts.model ?? DEFAULT_MODEL,
    status,
  }
  if (opts.responseHeaders) r.headers = { ...opts.responseHeaders }
  return r
}

export function created(opts: ResponseOpts = {}): Step {
  return ev(
    'response.created',
    { response: { ...responseObject('in_progress', opts), output: [] } },
    opts.sequenceNumber ?? 0,
  )
}

export function inProgress(opts: ResponseOpts = {}): Step {
  return ev(
    'response.in_progress',
    { response: { ...responseObject('in_progress', opts), output: [] } },
    opts.sequenceNumber ?? 1,
  )
}

export function completed(opts: CompletedOpts = {}): Step {
  const response: Record<string, unknown> = {
    ...responseObject('completed', opts),
    output: opts.output ?? [],
  }
  if (opts.usage !== null) response.usage = usageObject(opts.usage)
  if (opts.endTurn !== undefined) response.end_turn = opts.endTurn
  return ev('response.completed', { response }, opts.sequenceNumber)
}

export function failed(
  error: { code?: string; message?: string; type?: string } | null,
  opts: ResponseOpts = {},
): Step {
  const response: Record<string, unknown> = {
    ...responseObject('failed', opts),
    output: [],
    incomplete_details: null,
  }
  if (error !== null) response.error = { ...error }
  return ev('response.failed', { response }, opts.sequenceNumber)
}

/** `null` sends `incomplete_details: null` (reason unknown). */
export function incomplete(reason: string | null = 'max_output_tokens', opts: ResponseOpts = {}): Step {
  const response = {
    ...responseObject('incomplete', opts),
    output: [],
    incomplete_details: reason === null ? null : { reason },
  }
  return ev('response.incomplete', { response }, opts.sequenceNumber)
}

export function messageItem(
  text: string,
  opts: { itemId?: string; phase?: 'commentary' | 'final_answer' } = {},
): Record<string, unknown> {
  const item: Record<string, unknown> = {
    id: opts.itemId ?? newId('msg'),
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', annotations: [], logprobs: [], text }],
  }
  if (opts.phase) item.phase = opts.phase
  return item
}

/** Only the message item: added, content part, text deltas, text done, part done, item done. */
export function messageSteps(text: string, opts: MessageOpts = {}): Step[] {
  const done = messageItem(text, opts)
  const item_id = done.id as string
  const output_index = opts.outputIndex ?? 0
  let seq = opts.sequenceStart ?? 0
  const added: Record<string, unknown> = { ...done, status: 'in_progress', content: [] }
  const loc = { item_id, output_index, content_index: 0 }
  const emptyPart = { type: 'output_text', annotations: [], logprobs: [], text: '' }
  const steps: Step[] = [
    ev('response.output_item.added', { output_index, item: added }, seq++),
    ev('response.content_part.added', { ...loc, part: emptyPart }, seq++),
  ]
  for (const delta of splitChunks(text, opts.chunks ?? 3)) {
    steps.push(ev('response.output_text.delta', { ...loc, delta, logprobs: [] }, seq++))
  }
  steps.push(ev('response.output_text.done', { ...loc, text, logprobs: [] }, seq++))
  steps.push(ev('response.content_part.done', { ...loc, part: { ...emptyPart, text } }, seq++))
  steps.push(ev('response.output_item.done', { output_index, item: done }, seq))
  return steps
}

/** A full stream: created, in_progress, the message item, completed (with the item in `output`). */
export function textAnswer(text: string, opts: TextAnswerOpts = {}): Step[] {
  const responseId = opts.responseId ?? newId('resp')
  const itemId = opts.itemId ?? newId('msg')
  const base = { responseId, model: opts.model, responseHeaders: opts.responseHeaders }
  const body = messageSteps(text, { ...opts, itemId, sequenceStart: 2 })
  return [
    created({ ...base, sequenceNumber: 0 }),
    inProgress({ responseId, model: opts.model, sequenceNumber: 1 }),
    ...body,
    completed({
      responseId,
      model: opts.model,
      usage: opts.usage,
      endTurn: opts.endTurn,
      output: [messageItem(text, { itemId, phase: opts.phase })],
      sequenceNumber: 2 + body.length,
    }),
  ]
}

export interface ReasoningOpts extends ItemOpts {
  /** `null` omits it; default a fake opaque blob. */
  encryptedContent?: string | null
}

export function reasoningItem(summaryParts: string[], opts: ReasoningOpts = {}): Record<string, unknown> {
  const item: Record<string, unknown> = {
    id: opts.itemId ?? newId('rs'),
    type: 'reasoning',
    summary: summaryParts.map((text) => ({ type: 'summary_text', text })),
  }
  const enc =
    opts.encryptedContent === undefined
      ? `gAAAAB${randomBytes(24).toString('base64')}`
      : opts.encryptedContent
  if (enc !== null) item.encrypted_content = enc
  return item
}

/** Reasoning item: added, per part `reasoning_summary_part.added` + text deltas (+ done events), item done. */
export function reasoningSteps(summaryParts: string[], opts: ReasoningOpts = {}): Step[] {
  const done = reasoningItem(summaryParts, opts)
  const item_id = done.id as string
  const output_index = opts.outputIndex ?? 0
  let seq = opts.sequenceStart ?? 0
  const added: Record<string, unknown> = { ...done, summary: [] }
  const steps: Step[] = [ev('response.output_item.added', { output_index, item: added }, seq++)]
  summaryParts.forEach((text, summary_index) => {
    const loc = { item_id, output_index, summary_index }
    steps.push(
      ev(
        'response.reasoning_summary_part.added',
        { ...loc, part: { type: 'summary_text', text: '' } },
        seq++,
      ),
    )
    for (const delta of splitChunks(text, opts.chunks ?? 3)) {
      steps.push(ev('response.reasoning_summary_text.delta', { ...loc, delta }, seq++))
    }
    steps.push(ev('response.reasoning_summary_text.done', { ...loc, text }, seq++))
    steps.push(
      ev('response.reasoning_summary_part.done', { ...loc, part: { type: 'summary_text', text } }, seq++),
    )
  })
  steps.push(ev('response.output_item.done', { output_index, item: done }, seq))
  return steps
}
