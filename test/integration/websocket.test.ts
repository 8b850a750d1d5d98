import { describe, it, expect, afterEach } from 'vitest'
import { harness, type Harness } from './harness'
import { textAnswer, created, messageSteps } from '../emulator/scripts'
import { rateLimitsEvent, wsError, connectionLimitReached, websocketTiming } from '../emulator/script-tools'
import { userMessage } from '@shared/wire/items'

let h: Harness
afterEach(async () => h?.close())

const wsHarness = (session: Record<string, unknown> = {}) =>
  harness({ provider: { websockets: true }, session: { transport: 'auto', ...session } })

const handshakes = (h: Harness) => h.emu.requests.filter((r) => r.transport === 'ws-handshake')
const frames = (h: Harness) => h.emu.requests.filter((r) => r.transport === 'ws-frame')
const httpPosts = (h: Harness) =>
  h.emu.requests.filter((r) => r.transport === 'http' && r.path.endsWith('/responses'))
const GPT = { model: 'gpt-4o' }

describe('Responses over WebSocket (protocol.md §1.4–1.8)', () => {
  it('handshakes with the v2 beta header and sends a response.create frame', async () => {
    h = await wsHarness()
    h.emu.script({ steps: textAnswer('over the socket', { chunks: 3 }) })
    const id = await h.turn('hi', GPT)
    const hs = handshakes(h)[0]!
    expect(hs.headers['openai-beta']).toBe('responses_websockets=2026-02-06')
    expect(hs.headers.authorization).toBe('Bearer sk-test-emulator')
    expect(hs.headers.session_id).toBe(id)
    expect(hs.headers['user-agent']).toMatch(/^codex_cli_rs\//)
    expect(hs.headers['x-responsesapi-include-timing-metrics']).toBe('true')
    const frame = frames(h)[0]!.body as Record<string, any>
    expect(frame).toMatchObject({ type: 'response.create', model: 'gpt-4o', stream: true })
    expect(frame.input).toEqual([userMessage('hi')])
    expect(h.text()).toBe('over the socket')
    expect(httpPosts(h)).toHaveLength(0)
    const t = h.of('telemetry')[0]!.telemetry
    expect(t.transport).toBe('websocket')
    expect(t.handshakeMs).toHaveLength(1)
    expect(t.eventsByKind['response.output_text.delta']).toBe(3)
    expect(t.bytesIn).toBeGreaterThan(100)
  })

  it('reuses the socket across turns with previous_response_id and only the new items', async () => {
    h = await wsHarness()
    h.emu.script({ steps: textAnswer('one', { responseId: 'resp-1' }) }, { steps: textAnswer('two') })
    const id = await h.turn('first', GPT)
    await h.turn('second', { conversationId: id })
    expect(handshakes(h)).toHaveLength(1)
    const second = frames(h)[1]!.body as Record<string, any>
    expect(second.previous_response_id).toBe('resp-1')
    expect(second.input).toEqual([userMessage('second')])
  })

  it('sends a full request when a non-input field changes', async () => {
    h = await wsHarness()
    h.emu.script({ steps: textAnswer('one', { responseId: 'resp-1' }) }, { steps: textAnswer('two') })
    const id = await h.turn('first', GPT)
    await h.turn('second', { conversationId: id, model: 'gpt-4.1' })
    const second = frames(h)[1]!.body as Record<string, any>
    expect(second.previous_response_id).toBeUndefined()
    expect(second.input).toHaveLength(3)
  })

  it('maps a wrapped 429 to an HTTP-style error with its rate-limit headers, then retries', async () => {
    h = await wsHarness()
    h.emu.script(
      {
        steps: [
          wsError(
            429,
            { type: 'usage_limit', message: 'Too many requests, try again in 5ms' },
            { 'x-codex-primary-used-percent': 96, 'x-codex-primary-window-minutes': 300 },
          ),
        ],
      },
      { steps: textAnswer('ok') },
    )
    await h.turn('x', GPT)
    expect(h.of('rate_limits').some((e) => e.snapshot.primary?.used_percent === 96)).toBe(true)
    expect(h.of('stream_retry')[0]?.message).toContain('HTTP 429')
    expect(h.text()).toBe('ok')
    // The failed socket was discarded; the retry handshook again.
    expect(handshakes(h)).toHaveLength(2)
  })

  it('maps a wrapped 400 to a non-retried HTTP error whose body is the frame', async () => {
    h = await wsHarness()
    h.emu.script({ steps: [wsError(400, { type: 'invalid_request_error', message: 'bad thing' })] })
    await h.turn('x', GPT)
    expect(h.of('error')[0]).toMatchObject({
      code: 'http_error',
      httpStatus: 400,
      message: 'Request failed (HTTP 400): bad thing',
    })
    expect(frames(h)).toHaveLength(1)
  })

  it('ignores a wrapped error without status', async () => {
    h = await wsHarness()
    const [c, ...rest] = textAnswer('fine')
    h.emu.script({ steps: [c!, wsError(undefined, { message: 'just noise' }), ...rest] })
    await h.turn('x', GPT)
    expect(h.text()).toBe('fine')
    expect(h.of('error')).toEqual([])
  })

  it('answers the connection limit with a fresh socket', async () => {
    h = await wsHarness()
    h.emu.script({ steps: [connectionLimitReached()] }, { steps: textAnswer('new socket') })
    await h.turn('x', GPT)
    expect(h.of('stream_retry')[0]?.message).toContain('connection limit reached')
    expect(handshakes(h)).toHaveLength(2)
    expect(h.text()).toBe('new socket')
  })

  it('falls back to SSE after refused handshakes: one warning, sticky, no lost or duplicated text', async () => {
    h = await wsHarness({ requestMaxRetries: 1 })
    h.emu.scriptHandshake({ refuse: 500 }, { refuse: 500 })
    h.emu.script({ steps: textAnswer('via https', { chunks: 3 }) }, { steps: textAnswer('still https') })
    const id = await h.turn('x', GPT)
    expect(h.of('warning').filter((w) => w.code === 'transport_fallback')).toHaveLength(1)
    expect(h.of('warning')[0]?.message).toMatch(
      /^Falling back from WebSockets to HTTPS transport\. websocket handshake failed/,
    )
    expect(h.text()).toBe('via https')
    expect(httpPosts(h)).toHaveLength(1)
    await h.turn('again', { conversationId: id })
    expect(handshakes(h)).toHaveLength(2)
    expect(httpPosts(h)).toHaveLength(2)
    expect(h.of('warning').filter((w) => w.code === 'transport_fallback')).toHaveLength(1)
    expect(h.of('telemetry')[0]?.telemetry).toMatchObject({ transport: 'sse', fallbacks: 1 })
  })

  it('falls back at once on HTTP 426', async () => {
    h = await wsHarness()
    h.emu.scriptHandshake({ refuse: 426 })
    h.emu.script({ steps: textAnswer('plain http') })
    await h.turn('x', GPT)
    expect(handshakes(h)).toHaveLength(1)
    expect(h.of('stream_retry')).toEqual([])
    expect(h.text()).toBe('plain http')
  })

  it('websocket-only mode surfaces the error instead of falling back', async () => {
    h = await wsHarness({ transport: 'websocket', requestMaxRetries: 1 })
    h.emu.scriptHandshake({ refuse: 500 }, { refuse: 500 })
    await h.turn('x', GPT)
    expect(httpPosts(h)).toHaveLength(0)
    expect(h.of('error')[0]?.message).toMatch(/websocket handshake failed/)
  })

  it('retries a socket dropped mid-stream on a new socket without duplicating text', async () => {
    h = await wsHarness()
    const full = textAnswer('Streaming words keep coming', { chunks: 4 })
    h.emu.script({ steps: [...full.slice(0, 6), { drop: true }] }, { steps: full })
    await h.turn('x', GPT)
    expect(h.of('stream_retry')).toHaveLength(1)
    expect(
      h
        .of('agent_message_delta')
        .map((e) => e.delta)
        .join(''),
    ).toBe('Streaming words keep coming')
    expect(h.of('agent_message')).toHaveLength(1)
    const second = frames(h)[1]!.body as Record<string, any>
    expect(second.previous_response_id).toBeUndefined()
  })

  it('a close frame before completion is a retryable "closed by server" error', async () => {
    h = await wsHarness({ streamMaxRetries: 0, requestMaxRetries: 0, transport: 'websocket' })
    h.emu.script({ steps: [created(), { closeWs: { code: 1000 } }] })
    await h.turn('x', GPT)
    expect(h.of('error')[0]?.message).toBe('websocket closed by server before response.completed')
  })

  it('a binary frame is an error', async () => {
    h = await wsHarness({ streamMaxRetries: 0, requestMaxRetries: 0, transport: 'websocket' })
    h.emu.script({ steps: [created(), { binary: true }] })
    await h.turn('x', GPT)
    expect(h.of('error')[0]?.message).toBe('unexpected binary websocket event')
  })

  it('turns codex.rate_limits into a rate_limits event, and timing into telemetry', async () => {
    h = await wsHarness()
    const [c, ...rest] = textAnswer('ok')
    h.emu.script({
      steps: [c!, rateLimitsEvent(), websocketTiming({ engine_service_total_ms: 42 }), ...rest],
    })
    await h.turn('x', GPT)
    const snap = h
      .of('rate_limits')
      .map((e) => e.snapshot)
      .find((s) => s.limit_id === 'codex_other')
    expect(snap).toEqual({
      limit_id: 'codex_other',
      limit_name: null,
      plan_type: 'pro',
      primary: { used_percent: 50, window_minutes: 300, resets_at: 1704069000 },
      secondary: { used_percent: 8, window_minutes: 10080, resets_at: 1704500000 },
      credits: { has_credits: true, unlimited: false, balance: '9' },
    })
    expect(h.of('telemetry')[0]?.telemetry.serverTiming).toEqual({ engine_service_total_ms: 42 })
    expect(h.text()).toBe('ok')
  })

  it('re-emits handshake facts at the start of every stream on the socket', async () => {
    h = await wsHarness()
    h.emu.scriptHandshake({ headers: { 'openai-model': 'gpt-4o', 'x-reasoning-included': 'true' } })
    h.emu.script({ steps: textAnswer('a') }, { steps: textAnswer('b') })
    const id = await h.turn('1', GPT)
    await h.turn('2', { conversationId: id })
    expect(handshakes(h)).toHaveLength(1)
    expect(h.of('server_model').map((e) => e.model)).toEqual(['gpt-4o', 'gpt-4o'])
    expect(new Set(h.of('server_model').map((e) => e.turnId)).size).toBe(2)
  })

  it('an idle socket times out with the websocket message', async () => {
    h = await wsHarness({ idleTimeoutMs: 100, streamMaxRetries: 0, transport: 'websocket' })
    h.emu.script({ steps: [created(), ...messageSteps('a').slice(0, 2), { stall: true }] })
    await h.turn('x', GPT)
    expect(h.of('error')[0]).toMatchObject({
      code: 'idle_timeout',
      message: 'idle timeout waiting for websocket',
    })
  })
})
