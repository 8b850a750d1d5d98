import { describe, it, expect } from 'vitest'
import { SseParser } from '../../main/core/responses/sse-parser'

function collect(chunks: string[]): string[] {
  const out: string[] = []
  const p = new SseParser((d) => out.push(d))
  for (const c of chunks) p.push(c)
  return out
}

describe('SseParser', () => {
  it('dispatches data payloads and ignores the event line', () => {
    expect(collect(['event: response.created\ndata: {"a":1}\n\nevent: x\ndata: {"b":2}\n\n'])).toEqual([
      '{"a":1}',
      '{"b":2}',
    ])
  })

  it('reassembles frames split at any byte', () => {
    const text = 'event: e\ndata: {"type":"t","delta":"héllo"}\n\ndata: {"n":2}\n\n'
    for (let cut = 1; cut < text.length; cut++) {
      expect(collect([text.slice(0, cut), text.slice(cut)])).toEqual([
        '{"type":"t","delta":"héllo"}',
        '{"n":2}',
      ])
    }
  })

  it('handles CRLF line endings, multi-line data, comments and [DONE]', () => {
    expect(collect([': keepalive\r\n\r\ndata: a\r\ndata: b\r\n\r\ndata: [DONE]\n\n'])).toEqual(['a\nb'])
  })

  it('keeps an incomplete frame pending until it completes', () => {
    const out: string[] = []
    const p = new SseParser((d) => out.push(d))
    p.push('data: {"x":')
    expect(out).toEqual([])
    expect(p.pending).toBe('data: {"x":')
    p.push('1}\n\n')
    expect(out).toEqual(['{"x":1}'])
    expect(p.pending).toBe('')
  })

  it('accepts data without a space after the colon', () => {
    expect(collect(['data:{"y":1}\n\n'])).toEqual(['{"y":1}'])
  })
})
