import { describe, it, expect, afterEach } from 'vitest'
import { harness, type Harness } from './harness'
import { chatgptHarness } from './chatgpt-helpers'
import { answer, drive, fatalErrors, inputOf, scriptAnswers, smallModels, textOf } from './compaction-helpers'
import { textAnswer } from '../emulator/scripts'
import { Session } from '../../main/core/session'
import { makeProvider } from '../../main/core/provider-factory'

let h: Harness
afterEach(async () => h?.close())

const compactedInput = (h: Harness) =>
  h.emu.responsesRequests().find((r) => inputOf(r).some((i) => i.type === 'compaction'))

describe('remote compaction (/responses/compact)', () => {
  it('SSE: compacts before the turn that would overflow; every turn succeeds; reload rebuilds the same input', async () => {
    h = await harness({ emulator: { contextWindow: 3000 }, session: { autoCompactTokenLimit: 2400 } })
    scriptAnswers(h.emu, 25)
    const id = await drive(h, 25)
    expect(h.of('turn_complete')).toHaveLength(25)
    expect(fatalErrors(h)).toEqual([])
    const compacted = h.of('context_compacted')
    expect(compacted.length).toBeGreaterThanOrEqual(1)
    expect(compacted.every((c) => c.mode === 'remote' && c.reason === 'auto' && c.itemsDropped === 0)).toBe(
      true,
    )
    expect(compacted[0]!.tokensAfter).toBeLessThan(compacted[0]!.tokensBefore)

    // The compact request: exactly {model, input, instructions}, same auth and session headers.
    const compactReq = h.emu.compactRequests()[0]!
    expect(Object.keys(compactReq.body as object).sort()).toEqual(['input', 'instructions', 'model'])
    expect(compactReq.headers.authorization).toBe('Bearer sk-test-emulator')
    expect(compactReq.headers.session_id).toBe(id)

    // The request after compaction: the user messages, the compaction item, the new question; no answers.
    const after = inputOf(compactedInput(h))
    expect(after.filter((i) => i.role === 'assistant')).toEqual([])
    expect(after.at(-2)?.type).toBe('compaction')
    expect(after.at(-1)).toMatchObject({ role: 'user' })
    const n = Number(/Question (\d+)/.exec(textOf(after.at(-1)!))![1])
    expect(after.slice(0, -2).map(textOf)).toEqual(
      Array.from({ length: n - 1 }, (_, i) => `Question ${i + 1}`),
    )

    // Events: started, compacted, the meter drops, then the turn.
    const types = h.events.map((e) => e.type)
    const at = types.indexOf('compaction_started')
    expect(types.slice(at, at + 4)).toEqual([
      'compaction_started',
      'context_compacted',
      'token_count',
      'turn_started',
    ])
    const meter = h.of('token_count').find((t) => t.turnId === compacted[0]!.compactionId)!
    expect(meter.usage.total_tokens).toBe(compacted[0]!.tokensAfter)

    // The file keeps every item; the compaction record says what it replaces.
    const conv = (await h.session.loadConversation(id))!
    expect(conv.items).toHaveLength(50)
    expect(conv.compactions?.length).toBe(compacted.length)
    expect(conv.compactions![0]!.replacesItems).toBe(2 * (n - 1))

    // Reload: a new engine on the same data rebuilds exactly the model input in memory.
    const inMemory = (
      h.session as unknown as { conversations: Map<string, { history: unknown[] }> }
    ).conversations.get(id)!.history
    const provider = makeProvider({
      id: 'openai',
      baseUrl: h.emu.openaiBase,
      apiKey: 'sk-test-emulator',
      websockets: false,
    })
    const again = new Session({ provider, dataDir: h.dataDir, transport: 'sse', autoCompactTokenLimit: 2400 })
    const rebuilt = (again as unknown as { conversation(id: string): { history: unknown[] } }).conversation(
      id,
    ).history
    expect(JSON.parse(JSON.stringify(rebuilt))).toEqual(JSON.parse(JSON.stringify(inMemory)))
    h.emu.script({ steps: textAnswer('After reload.') })
    await again.submit({ type: 'user_turn', conversationId: id, text: 'One more' })
    expect(inputOf(h.emu.responsesRequests().at(-1)).some((i) => i.type === 'compaction')).toBe(true)
    await again.close()
  })

  it('WebSocket: after compaction a fresh response.create without previous_response_id carries the compaction item', async () => {
    h = await chatgptHarness({
      websockets: true,
      session: { transport: 'websocket' },
      emulator: { models: smallModels({ 'gpt-small': 3000 }), contextWindow: 3000 },
    })
    scriptAnswers(h.emu, 24)
    await drive(h, 24, 1, 'gpt-small')
    expect(h.of('turn_complete')).toHaveLength(24)
    expect(fatalErrors(h)).toEqual([])
    expect(h.of('context_compacted').length).toBeGreaterThanOrEqual(1)
    expect(h.emu.compactRequests()[0]!.path).toBe('/backend-api/codex/responses/compact')
    const frames = h.emu.responsesRequests()
    const i = frames.findIndex((r) => inputOf(r).some((x) => x.type === 'compaction'))
    const first = frames[i]!.body as Record<string, unknown>
    expect(first.type).toBe('response.create')
    expect(first.previous_response_id).toBeUndefined()
    expect(frames[i - 1]!.body).toHaveProperty('previous_response_id')
    // The next frame extends the compacted input again.
    expect(frames[i + 1]!.body).toHaveProperty('previous_response_id')
  })

  it('a switch to a smaller model compacts with the previous model first', async () => {
    h = await chatgptHarness({
      emulator: { models: smallModels({ big: 8000, small: 2000 }) },
      session: { compression: true },
    })
    h.emu.setContextWindow(8000, 'big')
    h.emu.setContextWindow(2000, 'small')
    scriptAnswers(h.emu, 20)
    const id = await drive(h, 12, 1, 'big')
    expect(h.of('context_compacted')).toEqual([])
    await h.turn('Now the small one', { conversationId: id, model: 'small' })
    const [c] = h.of('context_compacted')
    expect(c).toMatchObject({ reason: 'model_switch', mode: 'remote' })
    expect((h.emu.compactRequests()[0]!.body as { model: string }).model).toBe('big')
    // Same rules as a turn: ChatGPT auth, account, session, zstd body.
    const compactHeaders = h.emu.compactRequests()[0]!.headers
    expect(compactHeaders['content-encoding']).toBe('zstd')
    expect(compactHeaders.authorization).toMatch(/^Bearer chatgpt-access-/)
    expect(compactHeaders['chatgpt-account-id']).toBe('acct-1')
    expect((h.emu.responsesRequests().at(-1)!.body as { model: string }).model).toBe('small')
    expect(h.of('turn_complete')).toHaveLength(13)
    expect(h.of('token_count').at(-1)).toMatchObject({ contextWindow: 2000 })
  })

  it('context_length_exceeded: compacts and resends the same message once, automatically', async () => {
    h = await harness({ emulator: { contextWindow: 2000 } })
    scriptAnswers(h.emu, 20)
    const id = await drive(h, 14)
    const errors = fatalErrors(h)
    expect(errors.map((e) => e.code)).toEqual(['context_length_exceeded'])
    expect(errors[0]!.message).toMatch(/exceeds the context window/)
    const [c] = h.of('context_compacted')
    expect(c).toMatchObject({ reason: 'overflow', mode: 'remote' })
    expect(h.of('turn_complete')).toHaveLength(14)
    const failedText = `Question ${h.of('turn_started').length - 13}`
    // The resent request carries the message once, after the compaction item.
    const resent = inputOf(
      h.emu.responsesRequests().find((r) => inputOf(r).some((i) => i.type === 'compaction')),
    )
    expect(resent.filter((i) => textOf(i) === textOf(resent.at(-1)!))).toHaveLength(1)
    expect(resent.at(-2)?.type).toBe('compaction')
    expect(failedText).toMatch(/Question/)
    const conv = (await h.session.loadConversation(id))!
    expect(conv.turns.filter((t) => t.status === 'failed')).toHaveLength(1)
  })

  it('with the setting off the error stays; compact {retry} then compacts and resends', async () => {
    h = await harness({ emulator: { contextWindow: 2000 }, session: { compactAndRetry: false } })
    scriptAnswers(h.emu, 20)
    let id = ''
    for (let i = 1; fatalErrors(h).length === 0; i++) id = await h.turn(`Question ${i}`)
    expect(h.of('context_compacted')).toEqual([])
    const failedText = textOf(inputOf(h.emu.responsesRequests().at(-1)).at(-1)!)
    await h.session.submit({ type: 'compact', conversationId: id, retry: true })
    expect(h.of('context_compacted')[0]).toMatchObject({ reason: 'overflow' })
    const last = inputOf(h.emu.responsesRequests().at(-1))
    expect(textOf(last.at(-1)!)).toBe(failedText)
    expect(last.filter((i) => textOf(i) === failedText)).toHaveLength(1)
    expect(h.of('turn_complete').at(-1)).toBeDefined()
    expect(h.events.at(-1)?.type).toBe('turn_complete')
  })

  it('manual compaction; a compaction request that overflows drops the oldest items and says how many', async () => {
    h = await harness({ emulator: { contextWindow: 4000 } })
    scriptAnswers(h.emu, 20)
    const id = await drive(h, 12)
    h.emu.setContextWindow(1000)
    await h.session.submit({ type: 'compact', conversationId: id })
    expect(h.emu.compactRequests().length).toBeGreaterThan(1)
    const [c] = h.of('context_compacted')
    expect(c).toMatchObject({ reason: 'manual', mode: 'remote' })
    expect(c!.itemsDropped).toBeGreaterThan(0)
    const warn = h.of('warning').find((w) => w.code === 'compaction')!
    expect(warn.message).toContain(`${c!.itemsDropped} oldest item(s)`)
    h.emu.script({ steps: textAnswer(answer(99)) })
    await h.turn('After', { conversationId: id })
    expect(h.of('turn_complete')).toHaveLength(13)
  })

  it('a provider without the endpoint (404) falls back to a local summary', async () => {
    h = await harness({ emulator: { contextWindow: 3000 }, session: { autoCompactTokenLimit: 2400 } })
    h.emu.scriptCompact({ status: 404 })
    scriptAnswers(h.emu, 30)
    await drive(h, 20)
    expect(h.of('turn_complete')).toHaveLength(20)
    const c = h.of('context_compacted')
    expect(c[0]).toMatchObject({ mode: 'local' })
    expect(h.emu.compactRequests()).toHaveLength(1)
  })

  it('the emulator rejects a compaction item it did not issue', async () => {
    h = await harness()
    const res = await fetch(`${h.emu.openaiBase}/responses`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer sk-test-emulator',
        accept: 'text/event-stream',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        model: 'gpt-5.2',
        input: [{ type: 'compaction', encrypted_content: 'forged' }],
        tools: [],
        tool_choice: 'auto',
        parallel_tool_calls: false,
        reasoning: null,
        store: false,
        stream: true,
        include: [],
      }),
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_encrypted_content')
    const bad = await fetch(`${h.emu.openaiBase}/responses/compact`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test-emulator', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5.2', input: [], instructions: 'x', stream: true }),
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('unknown_parameter')
  })
})
