// The bridge client's inline check of `agent_message_delta` accepts and returns exactly what the
// event schema does (the hottest event skips the schema for speed, not for safety).
import { describe, expect, it } from 'vitest'
import { BridgeEvent, fastDeltaEvent } from '@shared/bridge'

const cases: unknown[] = [
  { type: 'agent_message_delta', conversationId: 'c', turnId: 't', delta: 'hi' },
  { type: 'agent_message_delta', conversationId: 'c', turnId: 't', delta: '', extra: { nested: 1 } },
  { type: 'agent_message_delta', conversationId: 'c', turnId: 't', delta: 5 },
  { type: 'agent_message_delta', conversationId: 'c', delta: 'x' },
  { type: 'agent_message_delta', conversationId: null, turnId: 't', delta: 'x' },
  { type: 'agent_message', conversationId: 'c', turnId: 't', text: 'x' },
  null,
  'agent_message_delta',
  [],
]

describe('fast delta check', () => {
  it('agrees with the schema on every input', () => {
    for (const raw of cases) {
      const fast = fastDeltaEvent(raw)
      const slow = BridgeEvent.safeParse(raw)
      if (fast) expect(slow.success && slow.data).toEqual(fast)
      else if (slow.success) expect(slow.data.type).not.toBe('agent_message_delta')
    }
  })
})
