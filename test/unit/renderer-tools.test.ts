// Pure renderer pieces of issue 15: citation links and sources, tool rows live and from history.
import { describe, expect, it } from 'vitest'
import { citeMarkdown, storedCitations } from '../../renderer/src/state/citations'
import { applyToolEvent } from '../../renderer/src/state/tool-rows'
import { historyRows } from '../../renderer/src/state/rows'
import type { Conversation } from '@shared/history'
import { MessageItem } from '@shared/wire/items'

const A = 'https://a.example/x'
const B = 'https://b.example/y (z)'

describe('citations', () => {
  it('numbers sources by first appearance, one number per URL, links after the cited span', () => {
    const text = 'One. Two. Three.'
    const r = citeMarkdown(text, [
      { url: B, title: 'B', start: 5, end: 9 },
      { url: A, title: 'A', start: 0, end: 4 },
      { url: A, title: 'A', start: 10, end: 16 },
    ])
    expect(r.sources).toEqual([
      { n: 1, url: A, title: 'A' },
      { n: 2, url: B, title: 'B' },
    ])
    expect(r.text).toBe(`One. [[1]](${A}) Two. [[2]](https://b.example/y%20%28z%29) Three. [[1]](${A})`)
  })

  it('a span that already is the markdown link becomes the numbered link; bad spans are ignored', () => {
    const text = `See ([site](${A})).`
    const start = text.indexOf('[site]')
    const end = text.indexOf(')') + 1
    const r = citeMarkdown(text, [
      { url: A, title: 'Site', start, end },
      { url: B, title: 'x', start: 3, end: 999 },
    ])
    expect(r.text).toBe(`See ([[1]](${A})).`)
    expect(r.sources).toHaveLength(1)
  })

  it('reads url_citation annotations off a stored message (other kinds are dropped when parsed)', () => {
    const item = MessageItem.parse({
      type: 'message',
      role: 'assistant',
      content: [
        {
          type: 'output_text',
          text: 'abc',
          annotations: [
            { type: 'url_citation', url: A, title: 'A', start_index: 0, end_index: 3 },
            { type: 'file_citation' },
          ],
        },
      ],
    })
    expect(item.content[0]).toMatchObject({ annotations: [{ type: 'url_citation' }] })
    expect(storedCitations(item)).toEqual([{ url: A, title: 'A', start: 0, end: 3 }])
  })
})

describe('tool rows', () => {
  const who = {
    conversationId: 'c',
    turnId: 't',
    callId: 'k',
    name: 's__echo',
    server: 's',
    tool: 'echo',
    arguments: '{}',
  }
  it('one row per call: pending, running, finished', () => {
    let rows = applyToolEvent([], { type: 'tool_approval_request', ...who })
    expect(rows).toMatchObject([{ kind: 'tool', status: 'pending' }])
    rows = applyToolEvent(rows, { type: 'tool_call_started', ...who })
    rows = applyToolEvent(rows, {
      type: 'tool_call_finished',
      ...who,
      status: 'ok',
      output: 'hi',
      durationMs: 5,
    })
    expect(rows).toEqual([expect.objectContaining({ status: 'ok', output: 'hi', durationMs: 5 })])
  })

  it('history: a call and its stored output make one row; citations come back', () => {
    const at = '2026-01-01T00:00:00Z'
    const conv: Conversation = {
      summary: {
        id: 'c',
        title: 't',
        createdAt: at,
        updatedAt: at,
        model: 'm',
        provider: 'openai',
        turns: 1,
      },
      turns: [],
      items: [
        {
          kind: 'item',
          turnId: 't',
          at,
          item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'q' }] },
        },
        {
          kind: 'item',
          turnId: 't',
          at,
          item: { type: 'function_call', name: 's__echo', arguments: '{"m":1}', call_id: 'k' },
        },
        {
          kind: 'item',
          turnId: 't',
          at,
          item: { type: 'function_call_output', call_id: 'k', output: 'Echo' },
          tool: { server: 's', tool: 'echo', status: 'ok', durationMs: 12 },
        },
        {
          kind: 'item',
          turnId: 't',
          at,
          item: {
            type: 'message',
            role: 'assistant',
            content: [
              {
                type: 'output_text',
                text: 'done',
                annotations: [{ type: 'url_citation', url: A, title: '', start_index: 0, end_index: 4 }],
              },
            ],
          },
        },
      ],
    }
    const rows = historyRows(conv)
    expect(rows.map((r) => r.kind)).toEqual(['user', 'tool', 'assistant'])
    expect(rows[1]).toMatchObject({
      server: 's',
      tool: 'echo',
      arguments: '{"m":1}',
      output: 'Echo',
      status: 'ok',
      durationMs: 12,
    })
    expect(rows[2]).toMatchObject({ citations: [{ url: A, title: A, start: 0, end: 4 }] })
  })
})
