import { afterEach, describe, expect, it } from 'vitest'
import { compress } from '@mongodb-js/zstd'
import { classifyWireEvent, parseItem } from '../../shared/wire/events'
import { userMessage } from '../../shared/wire/items'
import { ModelInfo } from '../../shared/wire/models'
import { parseSse } from '../emulator/client'
import { startEmulator, type Emulator, type Step } from '../emulator/index'
import {
  completed,
  connectionLimitReached,
  created,
  customToolCallSteps,
  failed,
  functionCallSteps,
  incomplete,
  messageSteps,
  metadataEvent,
  rateLimitsEvent,
  reasoningSteps,
  splitChunks,
  textAnswer,
  websocketTiming,
} from '../emulator/scripts'

const API_KEY = 'sk-test-emulator'
const CHATGPT = { authorization: 'Bearer chatgpt-access-1', 'chatgpt-account-id': 'acct-1' }

let emus: Emulator[] = []
afterEach(async () => {
  await Promise.all(emus.map((e) => e.close()))
  emus = []
})

async function start(opts?: Parameters<typeof startEmulator>[0]): Promise<Emulator> {
  const emu = await startEmulator(opts)
  emus.push(emu)
  return emu
}

function body(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
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
    prompt_cache_key: 'conv-1',
    ...over,
  }
}

const sseHeaders = (auth: Record<string, string>): Record<string, string> => ({
  ...auth,
  accept: 'text/event-stream',
  'content-type': 'application/json',
})
const apiKeyHeaders = sseHeaders({ authorization: `Bearer ${API_KEY}` })
const chatgptHeaders = sseHeaders(CHATGPT)

function post(
  url: string,
  payload: unknown,
  headers: Record<string, string> = apiKeyHeaders,
): Promise<Response> {
  const data =
    typeof payload === 'string'
      ? payload
      : payload instanceof Uint8Array
        ? new Uint8Array(payload)
        : JSON.stringify(payload)
  return fetch(url, { method: 'POST', headers, body: data })
}

async function errorOf(res: Response): Promise<{ message: string; type: string; code: string | null }> {
  const json = (await res.json()) as { error: { message: string; type: string; code: string | null } }
  expect(typeof json.error.message).toBe('string')
  return json.error
}

describe('emulator: HTTP SSE', () => {
  it('serves the default text answer as wire-exact SSE events', async () => {
    const emu = await start()
    const res = await post(`${emu.openaiBase}/responses`, body())
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = parseSse(await res.text())
    for (const e of events) {
      const json = e.json as { type: string }
      expect(e.event).toBe(json.type)
      expect(classifyWireEvent(json, e.data).type).not.toBe('malformed')
    }
    const types = events.map((e) => (e.json as { type: string }).type)
    expect(types[0]).toBe('response.created')
    expect(types.at(-1)).toBe('response.completed')
    const deltas = events.filter((e) => e.event === 'response.output_text.delta')
    expect(deltas.length).toBeGreaterThan(1)
    expect(deltas.map((e) => (e.json as { delta: string }).delta).join('')).toBe('Hello from the emulator.')
    const delta = deltas[0]?.json as Record<string, unknown>
    expect(delta).toMatchObject({ output_index: 0, content_index: 0 })
    expect(typeof delta.item_id).toBe('string')
    expect(typeof delta.sequence_number).toBe('number')
    const done = events.find((e) => e.event === 'response.output_item.done')?.json as { item: unknown }
    expect(done.item).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_text' }],
    })
    const fin = events.at(-1)?.json as { response: { id: string; usage: Record<string, unknown> } }
    expect(fin.response.id).toMatch(/^resp_/)
    expect(fin.response.usage).toMatchObject({
      input_tokens_details: { cached_tokens: 0 },
      output_tokens_details: { reasoning_tokens: 0 },
    })
    const [rec] = emu.responsesRequests()
    expect(rec).toMatchObject({ transport: 'http', method: 'POST', path: '/v1/responses', body: body() })
    expect(rec?.headers['authorization']).toBe(`Bearer ${API_KEY}`)
  })

  it('plays a scripted multi-item stream with headers, on the codex base', async () => {
    const emu = await start()
    emu.script({
      headers: {
        'openai-model': 'gpt-5.2',
        'x-codex-primary-used-percent': '12.5',
        'x-codex-turn-state': 'ts-1',
      },
      steps: [
        created({ responseId: 'resp-1', responseHeaders: { 'OpenAI-Model': 'gpt-5.2' } }),
        ...reasoningSteps(['**Plan**\n\nthink', 'more'], { outputIndex: 0 }),
        ...messageSteps('Done.', { outputIndex: 1, phase: 'final_answer' }),
        completed({
          responseId: 'resp-1',
          usage: { input_tokens: 100, cached_tokens: 40, reasoning_tokens: 7 },
        }),
      ],
    })
    const res = await post(`${emu.codexBase}/responses`, body(), chatgptHeaders)
    expect(res.status).toBe(200)
    expect(res.headers.get('openai-model')).toBe('gpt-5.2')
    expect(res.headers.get('x-codex-turn-state')).toBe('ts-1')
    const events = parseSse(await res.text()).map((e) => e.json as Record<string, any>)
    expect(events[0]?.response).toMatchObject({
      id: 'resp-1',
      status: 'in_progress',
      headers: { 'OpenAI-Model': 'gpt-5.2' },
    })
    const parts = events.filter((e) => e.type === 'response.reasoning_summary_part.added')
    expect(parts.map((e) => e.summary_index)).toEqual([0, 1])
    const items = events.filter((e) => e.type === 'response.output_item.done').map((e) => e.item)
    expect(items[0]).toMatchObject({
      type: 'reasoning',
      summary: [{ text: '**Plan**\n\nthink' }, { text: 'more' }],
    })
    expect(items[1]).toMatchObject({ type: 'message', phase: 'final_answer', content: [{ text: 'Done.' }] })
    expect(events.at(-1)?.response.usage).toEqual({
      input_tokens: 100,
      input_tokens_details: { cached_tokens: 40 },
      output_tokens: 8,
      output_tokens_details: { reasoning_tokens: 7 },
      total_tokens: 108,
    })
    // Queue consumed: the next request gets the default answer again.
    const again = parseSse(await (await post(`${emu.codexBase}/responses`, body(), chatgptHeaders)).text())
    expect(again.some((e) => e.data.includes('Hello from the emulator.'))).toBe(true)
  })

  it('sends raw bytes verbatim and builds sensible chunks', async () => {
    expect(splitChunks('abcdefg', 3)).toEqual(['abc', 'de', 'fg'])
    expect(splitChunks('ab', 5)).toEqual(['a', 'b'])
    expect(splitChunks('', 3)).toEqual([])
    const emu = await start()
    emu.script({
      steps: [{ raw: 'data: {not json\n\n' }, ...textAnswer('ok', { responseId: 'r' }).slice(-1)],
    })
    const text = await (await post(`${emu.openaiBase}/responses`, body())).text()
    expect(text.startsWith('data: {not json\n\nevent: response.completed\n')).toBe(true)
  })

  it('accepts the /backend-api/codex/v1 acceptance base', async () => {
    const emu = await start()
    const res = await post(`${emu.url}/backend-api/codex/v1/responses`, body(), chatgptHeaders)
    expect(res.status).toBe(200)
    await res.text()
  })
})

describe('emulator: step builders', () => {
  it('produce events the wire contract accepts, with parseable items', () => {
    const steps: Step[] = [
      ...textAnswer('hello there', { phase: 'commentary' }),
      ...reasoningSteps(['a', 'b']),
      ...functionCallSteps('shell', { command: ['ls'] }, { callId: 'call-1' }),
      ...customToolCallSteps('apply_patch', '*** Begin Patch'),
      failed({ code: 'rate_limit_exceeded', message: 'try again in 11.054s' }),
      failed(null),
      incomplete(),
      incomplete(null),
      rateLimitsEvent(),
      connectionLimitReached(),
      metadataEvent({ headers: { 'OpenAI-Model': 'gpt-5.2' } }),
      websocketTiming({ engine_service_total_ms: 12 }),
    ]
    // Real-service events the client contract ignores (forward-compatible 'unknown').
    const ignored = new Set([
      'response.content_part.added',
      'response.content_part.done',
      'response.output_text.done',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.custom_tool_call_input.delta',
    ])
    for (const step of steps) {
      if (!('event' in step)) throw new Error('expected event steps only')
      const parsed = classifyWireEvent(step.event, JSON.stringify(step.event))
      expect(parsed.type, JSON.stringify(step.event)).not.toBe('malformed')
      if (parsed.type === 'unknown') {
        expect(ignored.has(parsed.wireType), parsed.wireType).toBe(true)
      }
      if (parsed.type === 'response.output_item.done' || parsed.type === 'response.output_item.added') {
        expect(parseItem(parsed.item), JSON.stringify(parsed.item)).not.toBeNull()
      }
    }
    const done = textAnswer('x', { phase: 'final_answer', responseId: 'resp-9' }).at(-1)
    expect(done).toMatchObject({ event: { type: 'response.completed', response: { id: 'resp-9' } } })
    expect((done as { event: { response: { output: unknown[] } } }).event.response.output).toHaveLength(1)
  })
})

describe('emulator: strict rejections', () => {
  it('rejects missing or wrong auth with 401', async () => {
    const emu = await start()
    const url = `${emu.openaiBase}/responses`
    const noAuth = await post(url, body(), sseHeaders({}))
    expect(noAuth.status).toBe(401)
    expect((await errorOf(noAuth)).type).toBe('invalid_request_error')
    const wrong = await post(url, body(), sseHeaders({ authorization: 'Bearer sk-wrong-key-123' }))
    expect(wrong.status).toBe(401)
    expect((await errorOf(wrong)).code).toBe('invalid_api_key')
    // ChatGPT tokens are not API keys, and API keys do not work on the codex base.
    expect((await post(url, body(), chatgptHeaders)).status).toBe(401)
    expect((await post(`${emu.codexBase}/responses`, body(), apiKeyHeaders)).status).toBe(401)
    const noAccount = await post(
      `${emu.codexBase}/responses`,
      body(),
      sseHeaders({ authorization: 'Bearer chatgpt-access-1' }),
    )
    expect(noAccount.status).toBe(401)
    expect((await errorOf(noAccount)).code).toBe('missing_account_id')
    const badAccount = await post(`${emu.codexBase}/responses`, body(), {
      ...chatgptHeaders,
      'chatgpt-account-id': 'x',
    })
    expect(badAccount.status).toBe(401)
  })

  it('rejects bad bodies and headers with 400 and does not consume the script', async () => {
    const emu = await start()
    emu.script({ steps: textAnswer('scripted') })
    const url = `${emu.openaiBase}/responses`
    const { reasoning: _omit, ...noReasoning } = body()
    const missing = await post(url, noReasoning)
    expect(missing.status).toBe(400)
    const err = await errorOf(missing)
    expect(err).toMatchObject({ type: 'invalid_request_error', code: 'missing_required_parameter' })
    expect(err.message).toContain("'reasoning'")
    const unknown = await post(url, body({ previous_response_id: 'resp-1' }))
    expect(unknown.status).toBe(400)
    expect(await errorOf(unknown)).toMatchObject({ code: 'unknown_parameter' })
    const badItem = await post(
      url,
      body({ input: [{ type: 'message', role: 'user', content: [{ type: 'x' }] }] }),
    )
    expect(badItem.status).toBe(400)
    expect((await errorOf(badItem)).message).toContain('input[0].content[0].type')
    const notJson = await post(url, '{"model":')
    expect(notJson.status).toBe(400)
    expect((await errorOf(notJson)).code).toBe('invalid_json')
    const noAccept = await post(url, body(), { ...apiKeyHeaders, accept: 'application/json' })
    expect(noAccept.status).toBe(400)
    const noType = await post(url, body(), { ...apiKeyHeaders, 'content-type': 'text/plain' })
    expect(noType.status).toBe(400)
    // Rejected requests were recorded but did not consume the scripted scenario.
    expect(emu.responsesRequests()).toHaveLength(6)
    expect(emu.responsesRequests()[0]?.body).toEqual(noReasoning)
    const ok = await (await post(url, body())).text()
    expect(ok).toContain('scripted')
  })

  it('checks Content-Encoding against the bytes', async () => {
    const emu = await start()
    const url = `${emu.codexBase}/responses`
    const json = Buffer.from(JSON.stringify(body()))
    const zstd = await compress(json, 3)
    const claimsZstd = await post(url, json, { ...chatgptHeaders, 'content-encoding': 'zstd' })
    expect(claimsZstd.status).toBe(400)
    expect((await errorOf(claimsZstd)).code).toBe('invalid_body_encoding')
    const unlabeled = await post(url, zstd, chatgptHeaders)
    expect(unlabeled.status).toBe(400)
    expect((await errorOf(unlabeled)).code).toBe('invalid_json')
    const gzip = await post(url, json, { ...chatgptHeaders, 'content-encoding': 'gzip' })
    expect(gzip.status).toBe(415)
    await gzip.text()
    const good = await post(url, zstd, { ...chatgptHeaders, 'content-encoding': 'zstd' })
    expect(good.status).toBe(200)
    await good.text()
    const rec = emu.responsesRequests().at(-1)
    expect(rec?.headers['content-encoding']).toBe('zstd')
    expect(rec?.body).toEqual(body())
    expect(rec?.rawBytes).toBe(zstd.length)
  })

  it('answers unknown paths and methods with JSON errors', async () => {
    const emu = await start()
    const res = await fetch(`${emu.url}/v1/nope`)
    expect(res.status).toBe(404)
    expect((await errorOf(res)).message).toContain('/v1/nope')
    const get = await fetch(`${emu.openaiBase}/responses`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    })
    expect(get.status).toBe(405)
    await get.text()
  })
})

describe('emulator: error replies and broken streams', () => {
  it('replies 429 with retry-after and a default or scripted body', async () => {
    const emu = await start()
    emu.script(
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 500, body: { error: { message: 'boom', type: 'server_error', code: null } } },
    )
    const url = `${emu.openaiBase}/responses`
    const r429 = await post(url, body())
    expect(r429.status).toBe(429)
    expect(r429.headers.get('retry-after')).toBe('2')
    expect(await errorOf(r429)).toMatchObject({ code: 'rate_limit_exceeded' })
    const r500 = await post(url, body())
    expect(r500.status).toBe(500)
    expect((await errorOf(r500)).message).toBe('boom')
  })

  it('drops the connection mid-stream and before headers', async () => {
    const emu = await start()
    emu.script({ steps: [created(), { delayMs: 5 }, { drop: true }] }, { steps: [{ drop: true }] })
    const url = `${emu.openaiBase}/responses`
    const res = await post(url, body())
    expect(res.status).toBe(200)
    await expect(res.text()).rejects.toThrow()
    await expect(post(url, body())).rejects.toThrow()
  })

  it('stalls with the connection open until close()', async () => {
    const emu = await startEmulator()
    emu.script({ steps: [created(), { stall: true }] })
    const res = await post(`${emu.openaiBase}/responses`, body())
    expect(res.status).toBe(200)
    const reader = res.body!.getReader()
    const first = await reader.read()
    expect(new TextDecoder().decode(first.value)).toContain('response.created')
    const pending = reader.read()
    await emu.close()
    await expect(pending).rejects.toThrow()
  })

  it('ends the SSE response early on closeWs and ignores binary steps', async () => {
    const emu = await start()
    emu.script({ steps: [created(), { binary: true }, { closeWs: {} }, completed()] })
    const events = parseSse(await (await post(`${emu.openaiBase}/responses`, body())).text())
    expect(events.map((e) => e.event)).toEqual(['response.created'])
  })
})

describe('emulator: /models and auth tokens', () => {
  it('serves the codex models shape with an ETag', async () => {
    const emu = await start()
    const url = `${emu.codexBase}/models?client_version=1.2.3`
    const res = await fetch(url, { headers: CHATGPT })
    expect(res.status).toBe(200)
    expect(res.headers.get('etag')).toBe('"models-etag-1"')
    const json = (await res.json()) as { models: unknown[] }
    const models = json.models.map((m) => ModelInfo.parse(m))
    expect(models.map((m) => [m.slug, m.context_window, m.visibility])).toEqual([
      ['gpt-5.3-codex', 272000, 'list'],
      ['gpt-5.2', 400000, 'list'],
    ])
    expect(emu.requests.at(-1)?.query).toEqual({ client_version: '1.2.3' })
    const missing = await fetch(`${emu.codexBase}/models`, { headers: CHATGPT })
    expect(missing.status).toBe(400)
    await missing.text()
    const bad = await fetch(`${emu.codexBase}/models?client_version=latest`, { headers: CHATGPT })
    expect(bad.status).toBe(400)
    await bad.text()
    expect((await fetch(`${emu.codexBase}/models?client_version=1.2.3`)).status).toBe(401)
    emu.setModels([{ slug: 'only-one', experimental_supported_tools: [] }], '"etag-2"')
    const next = await fetch(url, { headers: CHATGPT })
    expect(next.headers.get('etag')).toBe('"etag-2"')
    expect(((await next.json()) as { models: Array<{ slug: string }> }).models.map((m) => m.slug)).toEqual([
      'only-one',
    ])
    expect(emu.modelsCalls()).toBe(5)
  })

  it('serves the public OpenAI list shape on /v1/models', async () => {
    const emu = await start({ modelsEtag: '"x"' })
    const res = await fetch(`${emu.openaiBase}/models`, { headers: { authorization: `Bearer ${API_KEY}` } })
    expect(res.status).toBe(200)
    const json = (await res.json()) as { object: string; data: Array<Record<string, unknown>> }
    expect(json.object).toBe('list')
    expect(json.data.map((d) => d.id)).toEqual(['gpt-5.3-codex', 'gpt-5.2'])
    expect(json.data[0]).toMatchObject({ object: 'model', owned_by: 'openai' })
    expect(typeof json.data[0]?.created).toBe('number')
  })

  it('expires access tokens and rotates them via /oauth/token', async () => {
    const emu = await start({
      chatgpt: { accessToken: 'a-1', accountId: 'acct-9', refreshToken: 'r-1', expiredAccessTokens: ['old'] },
    })
    const hdr = (token: string): Record<string, string> =>
      sseHeaders({ authorization: `Bearer ${token}`, 'chatgpt-account-id': 'acct-9' })
    const url = `${emu.codexBase}/responses`
    const old = await post(url, body(), hdr('old'))
    expect(old.status).toBe(401)
    expect((await errorOf(old)).code).toBe('token_expired')
    const first = await post(url, body(), hdr('a-1'))
    expect(first.status).toBe(200)
    await first.text()
    emu.expireAccessToken('a-1')
    const expired = await post(url, body(), hdr('a-1'))
    expect(expired.status).toBe(401)
    expect((await errorOf(expired)).code).toBe('token_expired')

    const refresh = (token: string): Promise<Response> =>
      post(
        `${emu.url}/oauth/token`,
        { grant_type: 'refresh_token', refresh_token: token, client_id: 'app_test' },
        { 'content-type': 'application/json' },
      )
    const wrong = await refresh('nope')
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual({ error: 'invalid_grant' })
    const ok = await refresh('r-1')
    expect(ok.status).toBe(200)
    const tokens = (await ok.json()) as { access_token: string; refresh_token: string; id_token: string }
    expect(tokens.access_token).toBe('chatgpt-access-2')
    expect(tokens.refresh_token).not.toBe('r-1')
    const claims = JSON.parse(Buffer.from(tokens.id_token.split('.')[1] ?? '', 'base64url').toString('utf8'))
    expect(claims['https://api.openai.com/auth'].chatgpt_account_id).toBe('acct-9')
    expect((await refresh('r-1')).status).toBe(401)
    const fresh = await post(url, body(), hdr(tokens.access_token))
    expect(fresh.status).toBe(200)
    await fresh.text()
    expect(emu.requests.find((r) => r.path === '/oauth/token')?.body).toMatchObject({ refresh_token: 'nope' })
  })
})
