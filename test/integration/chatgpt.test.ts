import { describe, it, expect, afterEach } from 'vitest'
import { chatgptHarness, MemoryTokens, TOKENS } from './chatgpt-helpers'
import { harness, type Harness } from './harness'
import { textAnswer, created, messageSteps } from '../emulator/scripts'
import { messageText } from '@shared/wire/items'

let h: Harness
afterEach(async () => h?.close())

const posts = (h: Harness) => h.emu.responsesRequests()
const handshakes = (h: Harness) => h.emu.requests.filter((r) => r.transport === 'ws-handshake')

describe('x-codex-turn-state (protocol.md §6)', () => {
  it('HTTP: sticky within a turn (retries), reset for the next turn', async () => {
    h = await chatgptHarness()
    const cut = [created(), ...messageSteps('part')]
    h.emu.script(
      { headers: { 'x-codex-turn-state': 'ts-1' }, steps: cut },
      { headers: { 'x-codex-turn-state': 'ts-ignored' }, steps: textAnswer('whole') },
      { steps: textAnswer('turn two') },
    )
    const id = await h.turn('one', { model: 'gpt-5.2' })
    await h.turn('two', { conversationId: id })
    expect(posts(h).map((r) => r.headers['x-codex-turn-state'])).toEqual([undefined, 'ts-1', undefined])
  })

  it('WebSocket: captured from the handshake, replayed on a reconnect in the turn, absent next turn', async () => {
    h = await chatgptHarness({ websockets: true, session: { transport: 'auto' } })
    h.emu.scriptHandshake({ headers: { 'x-codex-turn-state': 'ts-1' } }, {}, {})
    const full = textAnswer('hello again')
    h.emu.script(
      { steps: [...full.slice(0, 4), { drop: true }] },
      { steps: [...full, { closeWs: {} }] },
      { steps: textAnswer('turn two') },
    )
    const id = await h.turn('one', { model: 'gpt-5.2' })
    await h.turn('two', { conversationId: id })
    expect(handshakes(h).map((r) => r.headers['x-codex-turn-state'])).toEqual([undefined, 'ts-1', undefined])
  })
})

describe('zstd request compression (protocol.md §7)', () => {
  it('compresses for the ChatGPT backend with ChatGPT auth and the setting on; the emulator decodes it', async () => {
    h = await chatgptHarness({ session: { compression: true, logger: undefined } })
    h.emu.script({ steps: textAnswer('ok') })
    await h.turn('compress me', { model: 'gpt-5.2' })
    const r = posts(h)[0]!
    expect(r.headers['content-encoding']).toBe('zstd')
    expect((r.body as { input: unknown[] }).input).toHaveLength(1)
    expect(r.rawBytes).toBeLessThan(JSON.stringify(r.body).length)
    const t = h.of('telemetry')[0]!.telemetry
    expect(t.compressionRatio).toBeGreaterThan(1)
  })

  it('logs one info line with the byte counts and duration', async () => {
    h = await chatgptHarness({ session: { compression: true } })
    h.emu.script({ steps: textAnswer('ok') })
    await h.turn('compress me', { model: 'gpt-5.2' })
    const lines = h.logs.filter((l) => l.message === 'Compressed request body with zstd')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ level: 'info' })
    expect(Object.keys(lines[0]!.fields!)).toEqual([
      'pre_compression_bytes',
      'post_compression_bytes',
      'compression_duration_ms',
    ])
  })

  it('never compresses with API-key auth, with the setting off, or over WebSocket', async () => {
    h = await harness({ session: { compression: true } })
    h.emu.script({ steps: textAnswer('ok') })
    await h.turn('x', { model: 'gpt-4o' })
    expect(posts(h)[0]!.headers['content-encoding']).toBeUndefined()
    await h.close()

    h = await chatgptHarness({ session: { compression: false } })
    h.emu.script({ steps: textAnswer('ok') })
    await h.turn('x', { model: 'gpt-5.2' })
    expect(posts(h)[0]!.headers['content-encoding']).toBeUndefined()
    await h.close()

    h = await chatgptHarness({ websockets: true, session: { compression: true, transport: 'websocket' } })
    h.emu.script({ steps: textAnswer('ok') })
    await h.turn('x', { model: 'gpt-5.2' })
    expect(h.text()).toBe('ok')
    expect(h.logs.filter((l) => l.message === 'Compressed request body with zstd')).toHaveLength(0)
  })
})

describe('cyber-safety reroute (protocol.md §2)', () => {
  const REQUESTED = 'gpt-5.3-codex'

  it('a different openai-model header warns once: event, warning text, and a persisted Warning: item', async () => {
    h = await chatgptHarness()
    h.emu.script({ headers: { 'OpenAI-Model': 'gpt-5.2' }, steps: textAnswer('answer') })
    const id = await h.turn('hack the planet', { model: REQUESTED })
    expect(h.of('model_reroute')).toEqual([
      expect.objectContaining({
        fromModel: REQUESTED,
        toModel: 'gpt-5.2',
        reason: 'high_risk_cyber_activity',
      }),
    ])
    const warning = h.of('warning').find((w) => w.code === 'model_reroute')!
    expect(warning.message).toContain('gpt-5.2')
    expect(warning.message).toContain(REQUESTED)
    const conv = await h.session.loadConversation(id)
    const warnItem = conv!.items
      .map((r) => r.item)
      .find((i) => i.type === 'message' && i.role === 'user' && messageText(i).startsWith('Warning: '))
    expect(warnItem).toBeDefined()
    expect(conv!.summary.title).toBe('hack the planet')
  })

  it('header matching but response.headers differing in the payload warns', async () => {
    h = await chatgptHarness()
    h.emu.script({
      headers: { 'openai-model': REQUESTED },
      steps: textAnswer('x', { responseHeaders: { 'OpenAI-Model': 'gpt-5.2' } }),
    })
    await h.turn('q', { model: REQUESTED })
    expect(h.of('model_reroute')).toHaveLength(1)
    expect(h.of('server_model').map((e) => e.model)).toEqual([REQUESTED, 'gpt-5.2'])
  })

  it('one warning per turn even when header, payload and a retried request all report it; again next turn', async () => {
    h = await chatgptHarness()
    const cut = [created({ responseHeaders: { 'OpenAI-Model': 'gpt-5.2' } }), ...messageSteps('a')]
    h.emu.script(
      { headers: { 'openai-model': 'gpt-5.2' }, steps: cut },
      {
        headers: { 'openai-model': 'gpt-5.2' },
        steps: textAnswer('a', { responseHeaders: { 'OpenAI-Model': 'gpt-5.2' } }),
      },
      { headers: { 'openai-model': 'gpt-5.2' }, steps: textAnswer('b') },
    )
    const id = await h.turn('q', { model: REQUESTED })
    expect(h.of('model_reroute')).toHaveLength(1)
    expect(h.of('warning').filter((w) => w.code === 'model_reroute')).toHaveLength(1)
    await h.turn('q2', { conversationId: id })
    expect(h.of('model_reroute')).toHaveLength(2)
  })

  it('a casing-only difference and a custom provider never warn', async () => {
    h = await chatgptHarness()
    h.emu.script({ headers: { 'openai-model': REQUESTED.toUpperCase() }, steps: textAnswer('x') })
    await h.turn('q', { model: REQUESTED })
    expect(h.of('model_reroute')).toEqual([])
    await h.close()

    h = await harness({
      provider: (emu) => ({ id: 'custom', baseUrl: emu.openaiBase, apiKey: 'sk-test-emulator' }),
    })
    h.emu.script({ headers: { 'openai-model': 'something-else' }, steps: textAnswer('x') })
    await h.turn('q', { model: 'gpt-4o' })
    expect(h.of('server_model')).toHaveLength(1)
    expect(h.of('model_reroute')).toEqual([])
    expect(h.of('warning')).toEqual([])
  })
})

describe('ChatGPT sign-in', () => {
  it('sends the access token and account id', async () => {
    h = await chatgptHarness()
    h.emu.script({ steps: textAnswer('ok') })
    await h.turn('x', { model: 'gpt-5.2' })
    expect(posts(h)[0]!.headers).toMatchObject({
      authorization: 'Bearer chatgpt-access-1',
      'chatgpt-account-id': 'acct-1',
    })
  })

  it('refreshes an expired access token once, saves it, and retries', async () => {
    const store = new MemoryTokens({ ...TOKENS })
    h = await chatgptHarness({
      store,
      emulator: { chatgpt: { ...TOKENS, expiredAccessTokens: ['chatgpt-access-1'] } },
    })
    h.emu.script({ steps: textAnswer('fresh token works') })
    await h.turn('x', { model: 'gpt-5.2' })
    expect(h.text()).toBe('fresh token works')
    expect(store.saved).toHaveLength(1)
    expect(store.tokens?.accessToken).not.toBe('chatgpt-access-1')
    expect(posts(h).at(-1)!.headers.authorization).toBe(`Bearer ${store.tokens?.accessToken}`)
    const everything = JSON.stringify(h.events) + JSON.stringify(h.logs)
    expect(everything).not.toContain('chatgpt-access')
    expect(everything).not.toContain('refresh-')
  })

  it('a failed refresh is a clear error asking to sign in again', async () => {
    const store = new MemoryTokens({ ...TOKENS, refreshToken: 'revoked' })
    h = await chatgptHarness({
      store,
      emulator: { chatgpt: { ...TOKENS, expiredAccessTokens: ['chatgpt-access-1'] } },
    })
    await h.turn('x', { model: 'gpt-5.2' })
    expect(h.of('error')[0]).toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/[Ss]ign in again/),
    })
    expect(store.saved).toHaveLength(0)
  })

  it('no tokens at all says how to sign in', async () => {
    h = await chatgptHarness({ store: new MemoryTokens(null) })
    await h.turn('x', { model: 'gpt-5.2' })
    expect(h.of('error')[0]).toMatchObject({ code: 'missing_credentials' })
  })
})
