// Well-formed Responses streams (protocol.md §1.5) for the fuzzer to mutate: reasoning, a
// commentary preamble, the answer, rate limits and metadata, and a terminal event.
import type { Rng } from './rng'

export type WireObject = Record<string, unknown>

/** One frame of a stream: an event object, or raw JSON text (for values JSON.stringify can't make). */
export type Frame = { event: WireObject } | { text: string }

const usage = {
  input_tokens: 12,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 8,
  output_tokens_details: { reasoning_tokens: 2 },
  total_tokens: 20,
}

function message(
  rng: Rng,
  id: string,
  text: string,
  phase?: string,
): { done: WireObject; events: WireObject[] } {
  const done: WireObject = {
    id,
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', annotations: [], logprobs: [], text }],
    ...(phase ? { phase } : {}),
  }
  const loc = { item_id: id, output_index: 0, content_index: 0 }
  const events: WireObject[] = [
    {
      type: 'response.output_item.added',
      output_index: 0,
      item: { ...done, status: 'in_progress', content: [] },
    },
    { type: 'response.content_part.added', ...loc, part: { type: 'output_text', text: '' } },
  ]
  let at = 0
  while (at < text.length) {
    const n = rng.int(1, 12)
    events.push({ type: 'response.output_text.delta', ...loc, delta: text.slice(at, at + n), logprobs: [] })
    at += n
  }
  events.push({ type: 'response.output_text.done', ...loc, text })
  events.push({ type: 'response.output_item.done', output_index: 0, item: done })
  return { done, events }
}

const TEXTS = [
  'Hello! Here is a short answer.',
  'Sure — **bold**, `code`, and a list:\n\n- one\n- two\n',
  'Unicode: héllo wörld, 你好, emoji 🎉, math ∑.',
  'A longer answer that goes on for a while so the deltas are many and the stream is not tiny at all.',
]

/** A complete, valid stream; the terminal event is usually `response.completed`. */
export function baseStream(rng: Rng): Frame[] {
  const responseId = `resp_${rng.int(1, 1e9)}`
  const response = { id: responseId, object: 'response', status: 'in_progress', model: 'gpt-4o', output: [] }
  const out: WireObject[] = [
    { type: 'response.created', response },
    { type: 'response.in_progress', response },
  ]
  const output: WireObject[] = []
  if (rng.chance(0.4)) {
    const id = `rs_${rng.int(1, 1e9)}`
    const item = {
      id,
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: '**Thinking** about it' }],
      encrypted_content: 'gAAAA' + rng.word(10, 40),
    }
    out.push({ type: 'response.output_item.added', output_index: 0, item: { ...item, summary: [] } })
    out.push({
      type: 'response.reasoning_summary_part.added',
      item_id: id,
      output_index: 0,
      summary_index: 0,
    })
    out.push({
      type: 'response.reasoning_summary_text.delta',
      item_id: id,
      summary_index: 0,
      delta: '**Thinking**',
    })
    out.push({
      type: 'response.reasoning_summary_text.delta',
      item_id: id,
      summary_index: 0,
      delta: ' about it',
    })
    out.push({ type: 'response.output_item.done', output_index: 0, item })
    output.push(item)
  }
  if (rng.chance(0.3)) {
    const m = message(rng, `msg_${rng.int(1, 1e9)}`, 'Let me check.', 'commentary')
    out.push(...m.events)
    output.push(m.done)
  }
  const m = message(
    rng,
    `msg_${rng.int(1, 1e9)}`,
    rng.pick(TEXTS),
    rng.chance(0.5) ? 'final_answer' : undefined,
  )
  out.push(...m.events)
  output.push(m.done)
  if (rng.chance(0.3)) {
    out.push({
      type: 'codex.rate_limits',
      plan_type: 'plus',
      rate_limits: {
        allowed: true,
        limit_reached: false,
        primary: { used_percent: 12.5, window_minutes: 300 },
      },
    })
  }
  if (rng.chance(0.2)) out.push({ type: 'response.metadata', headers: { 'openai-model': 'gpt-4o' } })
  const terminal = rng.next()
  const done = { ...response, status: 'completed', output, usage }
  if (terminal < 0.85) out.push({ type: 'response.completed', response: done })
  else if (terminal < 0.93)
    out.push({
      type: 'response.failed',
      response: {
        ...done,
        status: 'failed',
        error: {
          code: rng.pick(['server_error', 'rate_limit_exceeded', 'context_length_exceeded', 'x']),
          message: 'failed',
        },
      },
    })
  else
    out.push({
      type: 'response.incomplete',
      response: { ...done, incomplete_details: { reason: 'max_output_tokens' } },
    })
  // Deep copies: a mutation must never reach another event or a later stream.
  return out.map((event) => ({ event: structuredClone(event) }))
}

/** The answer a clean stream gives (follow-up turns and retries). */
export function cleanStream(rng: Rng, text = 'Clean follow-up answer.'): Frame[] {
  const m = message(rng, `msg_${rng.int(1, 1e9)}`, text)
  const response = {
    id: `resp_${rng.int(1, 1e9)}`,
    object: 'response',
    status: 'in_progress',
    model: 'gpt-4o',
    output: [],
  }
  return [
    { event: { type: 'response.created', response } },
    ...m.events.map((event) => ({ event })),
    {
      event: {
        type: 'response.completed',
        response: { ...response, status: 'completed', output: [m.done], usage },
      },
    },
  ]
}

export function frameText(f: Frame): string {
  return 'event' in f ? JSON.stringify(f.event) : f.text
}

export function frameType(f: Frame): string {
  if ('event' in f) return typeof f.event.type === 'string' ? f.event.type : 'message'
  return /"type":"([^"]{1,80})"/.exec(f.text.slice(0, 200))?.[1] ?? 'message'
}
