import { describe, it, expect } from 'vitest'
import { unstreamedItems } from '../../main/core/responses/completed-output'
import { assistantMessage, type ResponseItem } from '@shared/wire/items'

const msg = (text: string, id?: string, phase?: 'commentary' | 'final_answer'): ResponseItem => ({
  ...assistantMessage(text, phase),
  ...(id ? { id } : {}),
})
const reasoning = (id: string, enc: string): ResponseItem => ({
  type: 'reasoning',
  id,
  summary: [{ type: 'summary_text', text: 'x' }],
  encrypted_content: enc,
})

describe('unstreamedItems', () => {
  it('returns every output item when nothing was streamed', () => {
    const out = [reasoning('rs_1', 'e'), msg('answer', 'msg_1')]
    expect(unstreamedItems({ output: out }, [])).toEqual(out)
  })

  it('matches by id, then by content without the id', () => {
    const out = [msg('a', 'msg_1'), msg('b', 'msg_2'), msg('c', 'msg_3')]
    expect(unstreamedItems({ output: out }, [msg('a', 'msg_1'), msg('c')])).toEqual([msg('b', 'msg_2')])
  })

  it('never recovers more items of a kind than the stream is short of', () => {
    // Other ids and encrypted content in the completed output than in the stream: same counts.
    const streamed = [reasoning('rs_a', 'one'), msg('answer', 'msg_a')]
    const out = [reasoning('rs_b', 'two'), msg('answer', 'msg_b')]
    expect(unstreamedItems({ output: out }, streamed)).toEqual([])
    // One commentary streamed, the final answer not: only the answer comes back.
    const out2 = [msg('Let me check.', 'm1', 'commentary'), msg('Final.', 'm2', 'final_answer')]
    expect(unstreamedItems({ output: out2 }, [msg('Let me check.', 'other', 'commentary')])).toEqual([
      out2[1],
    ])
  })

  it('ignores a missing, empty or malformed output', () => {
    expect(unstreamedItems(undefined, [])).toEqual([])
    expect(unstreamedItems({ output: 'x' }, [])).toEqual([])
    expect(unstreamedItems({ output: [{ type: 'weird' }, 5] }, [])).toEqual([])
  })
})
