// Issue 11, finding 6: `response.completed.output` is the source of truth for what the stream
// did not deliver. A turn whose message events were all malformed shows and records the answer
// from it; one that streamed fine is not shown or recorded twice.
import { describe, it, expect, afterEach } from 'vitest'
import { harness, bodyOf, type Harness } from './harness'
import { created, completed, messageItem, messageSteps, reasoningItem } from '../emulator/scripts'
import type { Step } from '../emulator/types'

let h: Harness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

const ANSWER = 'The full answer, only in response.completed.'

/** Every message event has a field of the wrong type (each is skipped as malformed). */
function malformedMessageSteps(): Step[] {
  return [
    { event: { type: 'response.output_item.added', output_index: 0, item: { type: 'message', role: 7 } } },
    { event: { type: 'response.output_text.delta', item_id: 'msg_1', delta: 42 } },
    { event: { type: 'response.output_text.delta', item_id: 'msg_1', delta: null } },
    {
      event: { type: 'response.output_item.done', output_index: 0, item: { type: 'message', content: 'x' } },
    },
  ]
}

const assistantItems = (h: Harness) =>
  (bodyOf(h.emu, 1).input as { role?: string; content: { text: string }[] }[]).filter(
    (i) => i.role === 'assistant',
  )

describe('response.completed.output fills in what was not streamed', () => {
  it('a turn whose message events were all malformed shows and records the completed answer', async () => {
    h = await harness()
    const reasoning = reasoningItem(['**Thinking** hard'])
    h.emu.script(
      {
        steps: [
          created({ responseId: 'resp_1' }),
          ...malformedMessageSteps(),
          completed({ responseId: 'resp_1', output: [reasoning, messageItem(ANSWER, { itemId: 'msg_1' })] }),
        ],
      },
      {},
    )
    const id = await h.turn('question')
    expect(h.of('turn_complete')).toHaveLength(1)
    expect(h.of('turn_complete')[0]!.lastAgentMessage).toBe(ANSWER)
    expect(h.text()).toBe(ANSWER)
    expect(h.of('agent_message').map((e) => e.text)).toEqual([ANSWER])
    expect(h.of('reasoning_summary').map((e) => e.text)).toEqual(['**Thinking** hard'])
    // Recorded: the next request resends the reasoning item and the answer.
    await h.turn('next', { conversationId: id })
    const input = bodyOf(h.emu, 1).input as { type: string }[]
    expect(input.map((i) => i.type)).toEqual(['message', 'reasoning', 'message', 'message'])
    expect(assistantItems(h)[0]!.content[0]!.text).toBe(ANSWER)
  })

  it('deltas that streamed are not shown twice when only the done event was malformed', async () => {
    h = await harness()
    const steps = messageSteps(ANSWER, { itemId: 'msg_2', chunks: 4 })
    steps[steps.length - 1] = {
      event: { type: 'response.output_item.done', output_index: 0, item: { type: 'message', role: [] } },
    }
    h.emu.script(
      {
        steps: [
          created({ responseId: 'resp_2' }),
          ...steps,
          completed({ responseId: 'resp_2', output: [messageItem(ANSWER, { itemId: 'msg_2' })] }),
        ],
      },
      {},
    )
    const id = await h.turn('question')
    expect(h.text()).toBe(ANSWER)
    expect(h.of('agent_message_reset')).toHaveLength(0)
    expect(h.of('agent_message').map((e) => e.text)).toEqual([ANSWER])
    await h.turn('next', { conversationId: id })
    expect(assistantItems(h)).toHaveLength(1)
  })

  it('a fully streamed answer is not recorded again from the completed output', async () => {
    h = await harness()
    const item = messageItem(ANSWER, { itemId: 'msg_3' })
    h.emu.script(
      {
        steps: [
          created({ responseId: 'resp_3' }),
          ...messageSteps(ANSWER, { itemId: 'msg_3' }),
          completed({ responseId: 'resp_3', output: [item] }),
        ],
      },
      {},
    )
    const id = await h.turn('question')
    expect(h.text()).toBe(ANSWER)
    expect(h.of('agent_message')).toHaveLength(1)
    await h.turn('next', { conversationId: id })
    expect(assistantItems(h)).toHaveLength(1)
  })
})
