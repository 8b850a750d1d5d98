// Reasoning effort, verbosity and per-conversation instructions on the wire (issue 14).
import { randomUUID } from 'node:crypto'
import { describe, it, expect, afterEach } from 'vitest'
import { harness, bodyOf, type Harness } from './harness'
import { textAnswer } from '../emulator/scripts'
import { Session } from '../../main/core/session'
import { makeProvider } from '../../main/core/provider-factory'

let h: Harness
afterEach(async () => h?.close())

describe('turn options', () => {
  it('sends exactly the chosen effort and verbosity, and remembers them for the conversation', async () => {
    h = await harness()
    for (let i = 0; i < 4; i++) h.emu.script({ steps: textAnswer('Ok.') })
    const id = randomUUID()
    const turn = (extra: Record<string, unknown>) =>
      h.session.submit({ type: 'user_turn', conversationId: id, text: 'hi', model: 'gpt-5.2', ...extra })
    await turn({})
    await turn({ effort: 'high', verbosity: 'low' })
    await turn({})
    await turn({ effort: 'xhigh' })
    const sent = [0, 1, 2, 3].map((i) => bodyOf(h.emu, i))
    expect(sent.map((b) => b.reasoning)).toEqual([
      { effort: 'medium', summary: 'auto' },
      { effort: 'high', summary: 'auto' },
      { effort: 'high', summary: 'auto' },
      { effort: 'xhigh', summary: 'auto' },
    ])
    expect(sent.map((b) => b.text)).toEqual([
      { verbosity: 'medium' },
      { verbosity: 'low' },
      { verbosity: 'low' },
      { verbosity: 'low' },
    ])
    const conv = await h.session.loadConversation(id)
    expect(conv?.turns.map((t) => t.effort)).toEqual([undefined, 'high', 'high', 'xhigh'])
  })

  it('refuses an effort the model does not support, before sending', async () => {
    h = await harness()
    await h.session.submit({ type: 'user_turn', text: 'hi', model: 'gpt-5.2', effort: 'minimal' })
    await h.session.submit({ type: 'user_turn', text: 'hi', model: 'gpt-4o', effort: 'low' })
    expect(h.emu.responsesRequests()).toHaveLength(0)
    expect(h.of('error').map((e) => e.message)).toEqual([
      'GPT-5.2 does not support reasoning effort "minimal" (it supports low, medium, high, xhigh).',
      'GPT-4o does not take a reasoning effort.',
    ])
  })

  it("uses the conversation's instructions, kept across a reload and changed from the header", async () => {
    h = await harness()
    for (let i = 0; i < 3; i++) h.emu.script({ steps: textAnswer('Arr.') })
    const id = randomUUID()
    await h.session.submit({
      type: 'user_turn',
      conversationId: id,
      text: 'hi',
      model: 'gpt-4o',
      instructions: 'Talk like a pirate.',
    })
    await h.session.close()
    const provider = makeProvider({
      id: 'openai',
      baseUrl: h.emu.openaiBase,
      apiKey: 'sk-test-emulator',
      websockets: false,
    })
    const again = new Session({ provider, dataDir: h.dataDir, transport: 'sse' })
    await again.submit({ type: 'user_turn', conversationId: id, text: 'again' })
    expect(await again.setInstructions(id, 'Be brief.')).toBe(true)
    await again.submit({ type: 'user_turn', conversationId: id, text: 'third' })
    expect((await again.loadConversation(id))?.instructions).toBe('Be brief.')
    await again.close()
    expect([0, 1, 2].map((i) => bodyOf(h.emu, i).instructions)).toEqual([
      'Talk like a pirate.',
      'Talk like a pirate.',
      'Be brief.',
    ])
  })
})
