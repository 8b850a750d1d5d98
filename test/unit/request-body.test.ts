// One request builder for a turn and the local compaction summary: the same effort, verbosity,
// instructions and caching for the same model; only input and tools differ.
import { describe, expect, it } from 'vitest'
import { userMessage } from '@shared/wire/items'
import { ModelInfo } from '@shared/wire/models'
import { requestBody } from '../../main/core/request-body'
import { summaryBody } from '../../main/core/compaction/local'
import { COMPACT_PROMPT } from '../../main/core/compaction/prompt'

const info = ModelInfo.parse({
  slug: 'm',
  experimental_supported_tools: [],
  supports_reasoning_summaries: true,
  default_reasoning_level: 'high',
  support_verbosity: true,
  default_verbosity: 'low',
  supports_parallel_tool_calls: true,
})

describe('requestBody', () => {
  it('the summary request is a turn request with the prompt appended and no tools', () => {
    const input = [{ ...userMessage('Q1'), id: 'msg_1' }]
    const parts = { conversationId: 'c1', model: 'm', info, instructions: 'Be brief.', input }
    const turn = requestBody({ ...parts, tools: [{ type: 'web_search' }] })
    const summary = summaryBody(parts)
    expect(turn).toMatchObject({
      reasoning: { effort: 'high', summary: 'auto' },
      text: { verbosity: 'low' },
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: 'c1',
      instructions: 'Be brief.',
    })
    expect(turn.input).toEqual([userMessage('Q1')])
    const { input: tIn, tools: tTools, ...tRest } = turn
    const { input: sIn, tools: sTools, ...sRest } = summary
    expect(sRest).toEqual(tRest)
    expect(sTools).toEqual([])
    expect(tTools).toEqual([{ type: 'web_search' }])
    expect(sIn).toEqual([...tIn, userMessage(COMPACT_PROMPT)])
  })
})
