import { describe, it, expect } from 'vitest'
import { extractFirstBold, splitReasoningBlock } from '@shared/reasoning'

describe('reasoning headers (protocol.md §9)', () => {
  it('extracts the first bold span', () => {
    expect(extractFirstBold('**Inspecting for code duplication**\n\nmore')).toBe(
      'Inspecting for code duplication',
    )
    expect(extractFirstBold('intro **Head** tail')).toBe('Head')
  })
  it('returns nothing for an empty bold or an unclosed opener (no later opener search)', () => {
    expect(extractFirstBold('** **x')).toBeNull()
    expect(extractFirstBold('abc **Head')).toBeNull()
    expect(extractFirstBold('no bold at all')).toBeNull()
  })
  it('renders a finished block only with a header and a body', () => {
    expect(splitReasoningBlock('  **Plan**\n\nDo the thing.  ')).toEqual({
      header: '**Plan**',
      body: '\n\nDo the thing.',
    })
    expect(splitReasoningBlock('**Only a header**')).toBeNull()
    expect(splitReasoningBlock('plain text')).toBeNull()
  })
})
