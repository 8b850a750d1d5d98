import { afterEach, describe, expect, it } from 'vitest'
import { userMessage } from '../../shared/wire/items'
import { openWs, type Frame, type WsTestClient } from '../emulator/client'
import { startEmulator, type Emulator } from '../emulator/index'
import { connectionLimitReached, rateLimitsEvent, textAnswer } from '../emulator/scripts'

const BETA = { 'openai-beta': 'responses_websockets=2026-02-06' }
const CHATGPT = { authorization: 'Bearer chatgpt-access-1', 'chatgpt-account-id': 'acct-1' }
const HANDSHAKE = { ...CHATGPT, ...BETA }

let emus: Emulator[] = []
let clients: WsTestClient[] = []
afterEach(async () => {
  for (const c of clients) c.close()
  await Promise.all(emus.map((e) => e.close()))
  emus = []
  clients = []
})

async function start(): Promise<Emulator> {
  const emu = await startEmulator()
  emus.push(emu)
  return emu
}

function wsUrl(emu: Emulator, path = '/backend-api/codex/responses'): string {
  return `${emu.url.replace(/^http/, 'ws')}${path}`
}

async function connect(emu: Emulator, headers: Record<string, string> = HANDSHAKE): Promise<WsTestClient> {
  const r = await openWs(wsUrl(emu), headers)
  if (!r.ok) throw new Error(`handshake refused: ${r.status} ${r.body}`)
  clients.push(r.client)
  return r.client
}

function create(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'response.create',
    model: 'gpt-5.3-codex',
    instructions: 'Be brief.',
    input: [userMessage('hi')],
    tools: [],
    tool_choice: 'auto',
    parallel_tool_calls: false,
    reasoning: null,
    store: false,
    stream: true,
    include: [],
    ...over,
  }
}

describe('emulator: WebSocket handshake', () => {
  it('requires the beta header and auth, and honours handshake scripts', async () => {
    const emu = await start()
    const noBeta = await openWs(wsUrl(emu), CHATGPT)
    expect(noBeta.ok).toBe(false)
    if (!noBeta.ok) expect(noBeta.status).toBe(400)
    const noAuth = await openWs(wsUrl(emu), BETA)
    expect(noAuth.ok || noAuth.status).toBe(401)
    const apiKeyOnCodex = await openWs(wsUrl(emu), { ...BETA, authorization: 'Bearer sk-test-emulator' })
    expect(apiKeyOnCodex.ok || apiKeyOnCodex.status).toBe(401)
    const unknownPath = await openWs(wsUrl(emu, '/backend-api/codex/nope'), HANDSHAKE)
    expect(unknownPath.ok || unknownPath.status).toBe(404)

    emu.scriptHandshake(
      { refuse: 426 },
      { headers: { 'x-codex-turn-state': 'ts-1', 'openai-model': 'gpt-5.2', 'x-models-etag': '"e"' } },
    )
    const refused = await openWs(wsUrl(emu), HANDSHAKE)
    expect(refused.ok || refused.status).toBe(426)
    const ok = await openWs(wsUrl(emu), { ...HANDSHAKE, 'x-codex-turn-state': 'ts-0' })
    expect(ok.ok).toBe(true)
    if (!ok.ok) return
    clients.push(ok.client)
    expect(ok.headers['x-codex-turn-state']).toBe('ts-1')
    expect(ok.headers['openai-model']).toBe('gpt-5.2')
    // The API-key base accepts the v1 beta value too.
    const v1 = await openWs(wsUrl(emu, '/v1/responses'), {
      authorization: 'Bearer sk-test-emulator',
      'openai-beta': 'responses_websockets=2026-02-04',
    })
    expect(v1.ok).toBe(true)
    if (v1.ok) clients.push(v1.client)

    const handshakes = emu.requests.filter((r) => r.transport === 'ws-handshake')
    expect(handshakes.map((h) => h.connectionId)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(handshakes[5]).toMatchObject({ method: 'WS', path: '/backend-api/codex/responses' })
    expect(handshakes[5]?.headers['x-codex-turn-state']).toBe('ts-0')
  })
})

describe('emulator: WebSocket frames', () => {
  it('streams the default answer and records the frame with its connection', async () => {
    const emu = await start()
    const c = await connect(emu)
    c.send(create())
    const events = await c.until(['response.completed'])
    expect(events[0]?.type).toBe('response.created')
    const text = events
      .filter((e) => e.type === 'response.output_text.delta')
      .map((e) => e.delta)
      .join('')
    expect(text).toBe('Hello from the emulator.')
    const [rec] = emu.responsesRequests()
    expect(rec).toMatchObject({ transport: 'ws-frame', method: 'WS', connectionId: 1, body: create() })
    expect(rec?.headers['openai-beta']).toBe(BETA['openai-beta'])
    expect(rec?.rawBytes).toBe(JSON.stringify(create()).length)
  })

  it('validates frames with wrapped 400 error frames and keeps the socket open', async () => {
    const emu = await start()
    const c = await connect(emu)
    c.send('{nope')
    expect(await c.nextJson()).toMatchObject({
      type: 'error',
      status: 400,
      error: { type: 'invalid_request_error', code: 'invalid_json' },
    })
    const { reasoning: _r, ...noReasoning } = create()
    c.send(noReasoning)
    const missing = await c.nextJson()
    expect(missing).toMatchObject({
      type: 'error',
      status: 400,
      error: { code: 'missing_required_parameter' },
    })
    expect(missing.error.message).toContain('reasoning')
    c.send({ type: 'response.append', input: [] })
    expect(await c.nextJson()).toMatchObject({ status: 400, error: { param: 'type' } })
    c.send({ type: 'response.processed', response_id: 'resp-x' })
    c.send(create())
    expect((await c.until(['response.completed'])).length).toBeGreaterThan(2)
    expect(emu.requests.filter((r) => r.transport === 'ws-frame')).toHaveLength(5)
    expect(emu.responsesRequests()).toHaveLength(2)
  })

  it('checks previous_response_id against the last completed response on the socket', async () => {
    const emu = await start()
    emu.script(
      { steps: textAnswer('one', { responseId: 'resp-1' }) },
      { steps: textAnswer('two', { responseId: 'resp-2' }) },
    )
    const c = await connect(emu)
    c.send(create({ previous_response_id: 'resp-1' }))
    expect(await c.nextJson()).toMatchObject({
      status: 400,
      error: { code: 'previous_response_not_found' },
    })
    c.send(create())
    const first = await c.until(['response.completed'])
    expect(first.at(-1)?.response.id).toBe('resp-1')
    c.send(create({ previous_response_id: 'resp-1', input: [userMessage('next')] }))
    const second = await c.until(['response.completed'])
    expect(second.at(-1)?.response.id).toBe('resp-2')
    c.send(create({ previous_response_id: 'resp-1' }))
    expect(await c.nextJson()).toMatchObject({ error: { code: 'previous_response_not_found' } })
    // State is per socket: a fresh connection knows no previous response.
    const d = await connect(emu)
    d.send(create({ previous_response_id: 'resp-2' }))
    expect(await d.nextJson()).toMatchObject({ error: { code: 'previous_response_not_found' } })
    const recorded = emu.responsesRequests().map((r) => (r.body as Frame).previous_response_id)
    expect(recorded).toEqual(['resp-1', undefined, 'resp-1', 'resp-1', 'resp-2'])
  })

  it('allows one request in flight per socket', async () => {
    const emu = await start()
    emu.script({ steps: [{ delayMs: 30 }, ...textAnswer('slow')] })
    const c = await connect(emu)
    c.send(create())
    c.send(create())
    expect(await c.nextJson()).toMatchObject({ type: 'error', status: 400 })
    const events = await c.until(['response.completed'])
    const deltas = events.filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta)
    expect(deltas.join('')).toBe('slow')
  })

  it('sends scenario statuses as wrapped error frames with headers', async () => {
    const emu = await start()
    emu.script({
      status: 429,
      headers: { 'x-codex-primary-used-percent': '100' },
      body: {
        error: { type: 'usage_limit_reached', message: 'limit', plan_type: 'pro', resets_at: 1704069000 },
      },
    })
    const c = await connect(emu)
    c.send(create())
    expect(await c.nextJson()).toEqual({
      type: 'error',
      status: 429,
      error: { type: 'usage_limit_reached', message: 'limit', plan_type: 'pro', resets_at: 1704069000 },
      headers: { 'x-codex-primary-used-percent': '100' },
    })
    // Not in flight any more: the socket serves the next request.
    c.send(create())
    await c.until(['response.completed'])
  })

  it('plays rate limits, connection-limit errors, close frames, drops and binary frames', async () => {
    const emu = await start()
    emu.script(
      { steps: [rateLimitsEvent(), ...textAnswer('hi')] },
      { steps: [connectionLimitReached(), { closeWs: { code: 1000, reason: 'bye' } }] },
    )
    const c = await connect(emu)
    c.send(create())
    const events = await c.until(['response.completed'])
    expect(events[0]).toMatchObject({
      type: 'codex.rate_limits',
      rate_limits: { primary: { used_percent: 50 } },
    })
    c.send(create())
    expect(await c.nextJson()).toMatchObject({ error: { code: 'websocket_connection_limit_reached' } })
    expect(await c.waitClosed()).toEqual({ code: 1000, reason: 'bye' })

    emu.script({
      steps: [{ binary: true }, { raw: '{"type":"response.created","response":{}}' }, { drop: true }],
    })
    const d = await connect(emu)
    d.send(create())
    expect((await d.next()).kind).toBe('binary')
    expect(await d.nextJson()).toMatchObject({ type: 'response.created' })
    expect((await d.waitClosed()).code).toBe(1006)
  })

  it('stalls until close() and leaves nothing open', async () => {
    const emu = await startEmulator()
    emu.script({ steps: [{ event: { type: 'response.created', response: {} } }, { stall: true }] })
    const c = await connect(emu)
    c.send(create())
    await c.next()
    c.send(create())
    expect(await c.nextJson()).toMatchObject({ status: 400 })
    await emu.close()
    expect((await c.waitClosed()).code).toBe(1006)
  })
})
