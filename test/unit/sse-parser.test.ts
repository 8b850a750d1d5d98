import { describe, it, expect } from 'vitest'
import { SseParser, SseFrameTooLargeError } from '../../main/core/responses/sse-parser'

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
    expect(p.pendingChars).toBe('data: {"x":'.length)
    p.push('1}\n\n')
    expect(out).toEqual(['{"x":1}'])
    expect(p.pendingChars).toBe(0)
  })

  it('accepts data without a space after the colon', () => {
    expect(collect(['data:{"y":1}\n\n'])).toEqual(['{"y":1}'])
  })

  // Issue 11, finding 5: the WHATWG event-stream rules.
  it('takes CRLF, LF and CR line ends, mixed in one stream and per line', () => {
    const text = 'data: a\r\n\r\ndata: b\n\ndata: c\r\rdata: d\r\ndata: e\n\r\ndata: f\r\n\n'
    const want = ['a', 'b', 'c', 'd\ne', 'f']
    expect(collect([text])).toEqual(want)
    // Split at every position, including between a CR and its LF.
    for (let cut = 1; cut < text.length; cut++) {
      expect(collect([text.slice(0, cut), text.slice(cut)])).toEqual(want)
    }
    // One character at a time.
    expect(collect([...text])).toEqual(want)
  })

  it('keeps reading after the stream switches from LF to CRLF (events are not lost)', () => {
    const lf = Array.from({ length: 3 }, (_, i) => `event: x\ndata: {"n":${i}}\n\n`).join('')
    const crlf = Array.from({ length: 3 }, (_, i) => `event: x\r\ndata: {"n":${i + 3}}\r\n\r\n`).join('')
    expect(collect([lf + crlf, lf.replace(/\n/g, '\r')])).toHaveLength(9)
  })

  it('strips one leading BOM, only at the start of the stream', () => {
    expect(collect(['\uFEFFdata: first\n\n'])).toEqual(['first'])
    expect(collect(['\uFEFF', 'data: first\n\n'])).toEqual(['first'])
    // A second BOM is part of the first line: that line is no longer a `data` field.
    expect(collect(['\uFEFF\uFEFFdata: x\n\ndata: y\n\n'])).toEqual(['y'])
    expect(collect(['data: a\n\n\uFEFFdata: b\n\n'])).toEqual(['a'])
  })

  it('follows the field rules: comments, other fields, `data` without a colon, one space stripped', () => {
    expect(collect([':c\nevent: e\nid: 1\nretry: 5\ndata:  two\n\n'])).toEqual([' two'])
    expect(collect(['data\ndata\n\n'])).toEqual(['\n'])
    expect(collect(['database: x\ndata: y\n\n'])).toEqual(['y'])
    // An event without data dispatches nothing; an unfinished one at EOF is dropped.
    expect(collect(['event: only\n\ndata: tail'])).toEqual([])
  })

  it('scans each character once however a long frame is cut (linear, not quadratic)', () => {
    const payload = JSON.stringify({ type: 'x', text: 'y'.repeat(1 << 20) })
    const text = `data: ${payload}\n\n`
    const out: string[] = []
    const p = new SseParser((d) => out.push(d))
    for (let i = 0; i < text.length; i += 1024) p.push(text.slice(i, i + 1024))
    expect(out).toEqual([payload])
    expect(p.scanned).toBe(text.length)
  })

  it('refuses an event over the size cap with a clear error, then keeps parsing', () => {
    const out: string[] = []
    const p = new SseParser((d) => out.push(d), 1000)
    expect(() => {
      for (let i = 0; i < 20; i++) p.push('data: ' + 'z'.repeat(100))
    }).toThrow(SseFrameTooLargeError)
    expect(() => p.push('\n' + 'data: ' + 'z'.repeat(1000) + '\n')).toThrow(/larger than/)
    const q = new SseParser((d) => out.push(d), 1000)
    q.push('data: ' + 'z'.repeat(990) + '\n\n')
    expect(out).toEqual(['z'.repeat(990)])
  })
})
