// A voice conversation in an existing chat gets the chat as context, newest messages kept.
import { describe, expect, it } from 'vitest'
import { historyContext } from '../../main/core/realtime/history-context'
import type { Conversation } from '../../shared/history'

const msg = (role: 'user' | 'assistant', text: string) => ({
  turnId: 't',
  item: {
    type: 'message' as const,
    role,
    content: [{ type: role === 'user' ? ('input_text' as const) : ('output_text' as const), text }],
  },
})

function conv(items: ReturnType<typeof msg>[]): Conversation {
  return {
    summary: { id: 'c', title: 't', createdAt: '', updatedAt: '', model: 'm', provider: 'openai', turns: 1 },
    items,
    turns: [],
  } as unknown as Conversation
}

describe('historyContext', () => {
  it('lists the messages in order after a heading; nothing for an empty or missing chat', () => {
    expect(historyContext(conv([msg('user', 'Hi'), msg('assistant', 'Hello!')]))).toBe(
      '\n\nThe conversation so far (continue it by voice):\nUser: Hi\nAssistant: Hello!',
    )
    expect(historyContext(conv([]))).toBe('')
    expect(historyContext(null)).toBe('')
  })
  it('keeps the newest messages within the budget', () => {
    const items = Array.from({ length: 50 }, (_, i) =>
      msg(i % 2 ? 'assistant' : 'user', `message ${i} ${'x'.repeat(50)}`),
    )
    const text = historyContext(conv(items), 300)
    expect(text).toContain('message 49')
    expect(text).not.toContain('message 10 ')
    expect(text.length).toBeLessThan(400)
  })
})
