import { describe, it, expect, afterEach } from 'vitest'
import { harness, bodyOf, API_KEY, type Harness } from './harness'
import { textAnswer, messageSteps, reasoningSteps, created, completed } from '../emulator/scripts'
import { userMessage } from '@shared/wire/items'

let h: Harness
afterEach(async () => h?.close())

describe('a chat turn over HTTP SSE', () => {
  it('sends the wire-exact request and streams the answer into events and history', async () => {
    h = await harness()
    h.emu.script({
      steps: textAnswer('Hello there, friend.', {
        chunks: 4,
        phase: 'final_answer',
        usage: { input_tokens: 11, output_tokens: 5, cached_tokens: 3, reasoning_tokens: 0 },
      }),
    })
    const id = await h.turn('Hi!', { model: 'gpt-4o' })

    const req = h.emu.responsesRequests()[0]!
    expect(req.path).toBe('/v1/responses')
    expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`)
    expect(req.headers.accept).toBe('text/event-stream')
    expect(req.headers['content-type']).toBe('application/json')
    expect(req.headers.originator).toBe('codex_cli_rs')
    expect(req.headers['user-agent']).toMatch(/^codex_cli_rs\/\d+\.\d+\.\d+ \(/)
    expect(req.headers.session_id).toBe(id)
    const body = bodyOf(h.emu, 0)
    expect(body).toMatchObject({
      model: 'gpt-4o',
      stream: true,
      store: false,
      reasoning: null,
      include: [],
      tool_choice: 'auto',
      prompt_cache_key: id,
    })
    expect('reasoning' in body).toBe(true)
    expect(body.input).toEqual([userMessage('Hi!')])

    expect(h.events.map((e) => e.type)).toEqual([
      'session_configured',
      'turn_started',
      'rate_limits',
      'agent_message_started',
      'agent_message_delta',
      'agent_message_delta',
      'agent_message_delta',
      'agent_message_delta',
      'agent_message',
      'token_count',
      'telemetry',
      'turn_complete',
    ])
    expect(h.of('session_configured')[0]).toMatchObject({
      conversationId: id,
      model: 'gpt-4o',
      provider: 'openai',
      modelsSource: 'builtin',
    })
    expect(h.text()).toBe('Hello there, friend.')
    expect(h.of('agent_message')[0]).toMatchObject({ text: 'Hello there, friend.', phase: 'final_answer' })
    expect(h.of('token_count')[0]).toMatchObject({
      usage: {
        input_tokens: 11,
        cached_input_tokens: 3,
        output_tokens: 5,
        reasoning_output_tokens: 0,
        total_tokens: 16,
      },
      contextWindow: 128000,
      effectiveContextWindow: 121600,
      autoCompactTokenLimit: 115200,
    })
    expect(h.of('turn_complete')[0]?.lastAgentMessage).toBe('Hello there, friend.')

    const conv = await h.session.loadConversation(id)
    expect(conv?.items.map((r) => r.item.type)).toEqual(['message', 'message'])
    expect(conv?.turns[0]).toMatchObject({ status: 'completed', model: 'gpt-4o' })
    expect(conv?.turns[0]?.telemetry?.transport).toBe('sse')
  })

  it('sends reasoning params for a reasoning model and shows the live reasoning header', async () => {
    h = await harness()
    h.emu.script({
      steps: [
        created(),
        ...reasoningSteps(
          ['**Checking the docs**\n\nLooking at the API.', 'no header in this part', '**Drafting**\nnow'],
          { chunks: 5 },
        ),
        ...messageSteps('Done.', { outputIndex: 1, phase: 'final_answer' }),
        completed(),
      ],
    })
    await h.turn('Explain', { model: 'gpt-5.2' })
    const body = bodyOf(h.emu, 0)
    expect(body.reasoning).toEqual({ effort: 'medium', summary: 'auto' })
    expect(body.include).toEqual(['reasoning.encrypted_content'])
    expect(h.of('reasoning_header').map((e) => e.header)).toEqual(['Checking the docs', 'Drafting', null])
    expect(h.of('reasoning_summary')[0]?.text).toContain('Looking at the API.')
  })

  it('keeps phase on commentary and final answers, and resends it in the next turn', async () => {
    h = await harness()
    h.emu.script({
      steps: [
        created(),
        ...messageSteps('Let me check.', { phase: 'commentary' }),
        ...messageSteps('It is 42.', { phase: 'final_answer', outputIndex: 1 }),
        completed(),
      ],
    })
    const id = await h.turn('Question', { model: 'gpt-4o' })
    // The phase is known when each message starts, before its first delta.
    const order = h.events.filter(
      (e) => e.type === 'agent_message_started' || e.type === 'agent_message_delta',
    )
    expect(order[0]).toMatchObject({ type: 'agent_message_started', phase: 'commentary' })
    const second = order.findIndex((e, i) => i > 0 && e.type === 'agent_message_started')
    expect(order[second]).toMatchObject({ phase: 'final_answer' })
    expect(order.slice(1, second).every((e) => e.type === 'agent_message_delta')).toBe(true)
    expect(h.of('agent_message').map((e) => [e.text, e.phase])).toEqual([
      ['Let me check.', 'commentary'],
      ['It is 42.', 'final_answer'],
    ])
    h.emu.script({ steps: textAnswer('Sure.') })
    await h.turn('Follow-up', { conversationId: id })
    const input = bodyOf(h.emu, 1).input as Record<string, unknown>[]
    expect(input.map((i) => [i.role, i.phase])).toEqual([
      ['user', undefined],
      ['assistant', 'commentary'],
      ['assistant', 'final_answer'],
      ['user', undefined],
    ])
    expect(input.every((i) => !('id' in i))).toBe(true)
  })

  it('reports the server model and every rate-limit family from response headers', async () => {
    h = await harness()
    h.emu.script({
      headers: {
        'openai-model': 'gpt-4o',
        'x-codex-primary-used-percent': '12.5',
        'x-codex-primary-window-minutes': '60',
        'x-codex-primary-reset-at': '1704069000',
        'x-codex-secondary-primary-used-percent': '3',
        'x-codex-secondary-primary-window-minutes': '10080',
      },
      steps: textAnswer('ok'),
    })
    await h.turn('hi', { model: 'gpt-4o' })
    expect(h.of('server_model').map((e) => e.model)).toEqual(['gpt-4o'])
    expect(h.of('rate_limits').map((e) => e.snapshot)).toEqual([
      { limit_id: 'codex', primary: { used_percent: 12.5, window_minutes: 60, resets_at: 1704069000 } },
      { limit_id: 'codex_secondary', primary: { used_percent: 3, window_minutes: 10080 } },
    ])
    expect(h.of('warning')).toEqual([])
  })

  it('continues a stored conversation by sending its history as input', async () => {
    h = await harness()
    h.emu.script({ steps: textAnswer('First answer.') })
    const id = await h.turn('First question', { model: 'gpt-4o' })
    await h.session.close()
    // A fresh engine on the same data dir (like a second CLI run).
    const again = await harness({ emu: h.emu, session: { dataDir: h.dataDir } })
    h.emu.script({ steps: textAnswer('Second answer.') })
    await again.turn('Second question', { conversationId: id })
    const input = bodyOf(h.emu, 1).input as { role: string; content: { text: string }[] }[]
    expect(input.map((i) => i.content[0]?.text)).toEqual([
      'First question',
      'First answer.',
      'Second question',
    ])
    expect(again.of('session_configured')[0]).toMatchObject({
      conversationId: id,
      model: 'gpt-4o',
      historyItems: 2,
    })
    await again.session.close()
  })
})
