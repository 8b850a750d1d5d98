// The minimal renderer's chat reducer: streaming, commentary then final answer, replays that
// restart a turn without duplicating it, and history merged under a live turn.
import { describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import type { BridgeEvent } from '@shared/bridge'
import { chatReducer, initialChat, type ChatState } from '../../renderer/src/chat-state'

const cid = randomUUID()
const run = (events: BridgeEvent[], from: ChatState = initialChat) =>
  events.reduce((s, event) => chatReducer(s, { type: 'event', event }), from)
const started: BridgeEvent = { type: 'turn_started', conversationId: cid, turnId: 't', model: 'm' }
const d = (delta: string): BridgeEvent => ({
  type: 'agent_message_delta',
  conversationId: cid,
  turnId: 't',
  delta,
})

describe('chat state', () => {
  it('streams deltas into one message, then a second message after a completed one', () => {
    const s = run([
      started,
      d('Looking'),
      d('…'),
      { type: 'agent_message', conversationId: cid, turnId: 't', text: 'Looking…', phase: 'commentary' },
      d('Answer'),
      {
        type: 'turn_complete',
        conversationId: cid,
        turnId: 't',
        responseId: null,
        lastAgentMessage: 'Answer',
      },
    ])
    expect(s.conversationId).toBe(cid)
    expect(s.messages.map((m) => [m.text, m.phase ?? '', m.streaming])).toEqual([
      ['Looking…', 'commentary', false],
      ['Answer', '', false],
    ])
    expect(s.running).toBe(false)
  })

  it('rebuilds a turn from a replay without duplicating it', () => {
    const once = run([started, d('Hello '), d('world')])
    const twice = run([started, d('Hello world')], once)
    expect(twice.messages.map((m) => m.text)).toEqual(['Hello world'])
  })

  it('ignores other conversations once one is shown, and shows errors and notices', () => {
    const s = run([
      started,
      { type: 'agent_message_delta', conversationId: randomUUID(), turnId: 'x', delta: 'not mine' },
      { type: 'warning', conversationId: cid, turnId: 't', code: 'model_reroute', message: 'rerouted' },
      { type: 'error', conversationId: cid, message: 'boom', code: 'http_error', fatal: true },
    ])
    expect(s.messages.map((m) => [m.role, m.text])).toEqual([
      ['notice', 'rerouted'],
      ['error', 'boom'],
    ])
  })

  it('merges history under a live turn: the question from history, the answer from events', () => {
    const live = run([started, d('streaming')])
    const loaded = chatReducer(live, {
      type: 'loaded',
      conversation: {
        summary: {
          id: cid,
          title: 'q',
          createdAt: '',
          updatedAt: '',
          model: 'm',
          provider: 'openai',
          turns: 1,
        },
        turns: [],
        items: [
          {
            kind: 'item',
            turnId: 't',
            at: '',
            item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'question' }] },
          },
          {
            kind: 'item',
            turnId: 't',
            at: '',
            item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'partial' }] },
          },
        ],
      },
    })
    expect(loaded.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'question'],
      ['assistant', 'streaming'],
    ])
    expect(loaded.running).toBe(true)
  })
})
