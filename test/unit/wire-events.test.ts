import { describe, it, expect } from 'vitest'
import { parseWireEvent, WireEvent } from '@shared/wire/events'

describe('parseWireEvent', () => {
  it('classifies known, unknown and malformed payloads without throwing', () => {
    expect(parseWireEvent('{"type":"response.created","response":{"id":"r"}}').type).toBe('response.created')
    expect(parseWireEvent('{"type":"response.brand_new","x":1}')).toEqual({
      type: 'unknown',
      wireType: 'response.brand_new',
      raw: { type: 'response.brand_new', x: 1 },
    })
    expect(parseWireEvent('{nope').type).toBe('malformed')
    expect(parseWireEvent('[1,2]').type).toBe('malformed')
    expect(parseWireEvent('{"type":"response.output_text.delta"}')).toMatchObject({
      type: 'malformed',
      reason: expect.stringContaining('response.output_text.delta'),
    })
    expect(parseWireEvent('{"type":"response.reasoning_summary_text.delta","delta":"x"}').type).toBe(
      'malformed',
    )
  })

  it('the text-delta fast path accepts exactly what the zod schema accepts', () => {
    const deltaSchema = WireEvent.options.find((o) => o.shape.type.value === 'response.output_text.delta')!
    const candidates: unknown[] = [
      { type: 'response.output_text.delta', delta: 'hi' },
      { type: 'response.output_text.delta', delta: '' },
      { type: 'response.output_text.delta', delta: 'x', item_id: 'm', output_index: 0, logprobs: [] },
      { type: 'response.output_text.delta', delta: 5 },
      { type: 'response.output_text.delta', delta: null },
      { type: 'response.output_text.delta', delta: ['a'] },
      { type: 'response.output_text.delta', delta: { a: 1 } },
      { type: 'response.output_text.delta' },
      { type: 'response.output_text.delta', delta: true, extra: 'y' },
    ]
    for (const c of candidates) {
      const viaFastPath = parseWireEvent(JSON.stringify(c)).type !== 'malformed'
      expect(viaFastPath, JSON.stringify(c)).toBe(deltaSchema.safeParse(c).success)
    }
  })
})
