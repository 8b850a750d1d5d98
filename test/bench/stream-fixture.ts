// The benchmark stream: one Responses answer of N text deltas, as SSE bytes and as WS frames.

export const ITEM_ID = 'msg_0123456789abcdef0123456789abcdef'
export const RESPONSE_ID = 'resp_0123456789abcdef0123456789abcdef'

export function streamEvents(deltas: number): string[] {
  const out: string[] = []
  let seq = 0
  const item = { id: ITEM_ID, type: 'message', role: 'assistant', status: 'in_progress', content: [] }
  out.push(
    JSON.stringify({
      type: 'response.created',
      sequence_number: seq++,
      response: { id: RESPONSE_ID, object: 'response', model: 'gpt-5.2', status: 'in_progress' },
    }),
  )
  out.push(
    JSON.stringify({ type: 'response.output_item.added', sequence_number: seq++, output_index: 0, item }),
  )
  const words = [
    'The',
    ' quick',
    ' brown',
    ' fox',
    ' jumps',
    ' over',
    ' the',
    ' lazy',
    ' dog',
    '.',
    '\n',
    ' `code`',
    ' **bold**',
  ]
  let text = ''
  for (let i = 0; i < deltas; i++) {
    const delta = words[i % words.length]!
    text += delta
    out.push(
      JSON.stringify({
        type: 'response.output_text.delta',
        sequence_number: seq++,
        item_id: ITEM_ID,
        output_index: 0,
        content_index: 0,
        delta,
        logprobs: [],
      }),
    )
  }
  const done = { ...item, status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] }
  out.push(
    JSON.stringify({
      type: 'response.output_item.done',
      sequence_number: seq++,
      output_index: 0,
      item: done,
    }),
  )
  out.push(
    JSON.stringify({
      type: 'response.completed',
      sequence_number: seq,
      response: {
        id: RESPONSE_ID,
        object: 'response',
        model: 'gpt-5.2',
        status: 'completed',
        output: [done],
        usage: {
          input_tokens: 10,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: deltas,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: deltas + 10,
        },
      },
    }),
  )
  return out
}

export function sseBytes(events: string[]): Buffer {
  return Buffer.from(events.map((e) => `event: ${JSON.parse(e).type}\ndata: ${e}\n\n`).join(''))
}

export function expectedText(deltas: number): number {
  return deltas
}
