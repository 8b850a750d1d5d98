// Step builders for hosted web search (`web_search_call` items, `response.web_search_call.*`)
// and answers carrying `url_citation` annotations, plus a whole function-calling round.
import { ev, newId, splitChunks, type ItemOpts } from './script-base'
import { functionCallSteps } from './script-tools'
import type { Step } from './types'

export interface CitationSpec {
  url: string
  title: string
  /** The cited span of the answer text. */
  start: number
  end: number
}

export function webSearchItem(query: string, id: string, status = 'completed'): Record<string, unknown> {
  return { id, type: 'web_search_call', status, action: { type: 'search', query } }
}

/** A web search: item added, in_progress, searching, completed, item done. */
export function webSearchSteps(query: string, opts: ItemOpts = {}): Step[] {
  const item_id = opts.itemId ?? newId('ws')
  const output_index = opts.outputIndex ?? 0
  let seq = opts.sequenceStart ?? 0
  const loc = { item_id, output_index }
  return [
    ev(
      'response.output_item.added',
      { output_index, item: webSearchItem(query, item_id, 'in_progress') },
      seq++,
    ),
    ev('response.web_search_call.in_progress', loc, seq++),
    ev('response.web_search_call.searching', loc, seq++),
    ev('response.web_search_call.completed', loc, seq++),
    ev('response.output_item.done', { output_index, item: webSearchItem(query, item_id) }, seq),
  ]
}

function annotation(c: CitationSpec): Record<string, unknown> {
  return { type: 'url_citation', url: c.url, title: c.title, start_index: c.start, end_index: c.end }
}

/**
 * An assistant message whose text cites sources: deltas, one `annotation.added` per citation
 * (as the service sends them, before `output_text.done`), and the done item with annotations.
 */
export function citedMessageSteps(text: string, citations: CitationSpec[], opts: ItemOpts = {}): Step[] {
  const item_id = opts.itemId ?? newId('msg')
  const output_index = opts.outputIndex ?? 0
  let seq = opts.sequenceStart ?? 0
  const loc = { item_id, output_index, content_index: 0 }
  const part = (t: string, a: unknown[]): Record<string, unknown> => ({
    type: 'output_text',
    annotations: a,
    logprobs: [],
    text: t,
  })
  const done = {
    id: item_id,
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content: [part(text, citations.map(annotation))],
  }
  const steps: Step[] = [
    ev(
      'response.output_item.added',
      { output_index, item: { ...done, status: 'in_progress', content: [] } },
      seq++,
    ),
    ev('response.content_part.added', { ...loc, part: part('', []) }, seq++),
  ]
  for (const delta of splitChunks(text, opts.chunks ?? 3))
    steps.push(ev('response.output_text.delta', { ...loc, delta, logprobs: [] }, seq++))
  citations.forEach((c, annotation_index) =>
    steps.push(
      ev(
        'response.output_text.annotation.added',
        { ...loc, annotation_index, annotation: annotation(c) },
        seq++,
      ),
    ),
  )
  steps.push(ev('response.output_text.done', { ...loc, text, logprobs: [] }, seq++))
  steps.push(ev('response.content_part.done', { ...loc, part: done.content[0] }, seq++))
  steps.push(ev('response.output_item.done', { output_index, item: done }, seq))
  return steps
}

/** Wraps item steps in created … completed (with a response id). */
export function responseAround(items: Step[], opts: { responseId?: string } = {}): Step[] {
  const id = opts.responseId ?? newId('resp')
  const response = { id, object: 'response', model: 'gpt-5.3-codex', status: 'in_progress', output: [] }
  return [
    ev('response.created', { response }, undefined),
    ...items,
    ev(
      'response.completed',
      {
        response: {
          ...response,
          status: 'completed',
          usage: { input_tokens: 20, output_tokens: 5, total_tokens: 25 },
        },
      },
      undefined,
    ),
  ]
}

/** A whole response that only calls one function (a tool round's first half). */
export function toolCallResponse(name: string, args: object | string, callId: string): Step[] {
  return responseAround(functionCallSteps(name, args, { callId }))
}
