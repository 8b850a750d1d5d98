import { describe, it, expect, afterEach } from 'vitest'
import { harness, type Harness } from './harness'
import { textAnswer, created, failed, incomplete, messageSteps } from '../emulator/scripts'

let h: Harness
afterEach(async () => h?.close())

const GPT = { model: 'gpt-4o' }

describe('SSE failures become clear errors, retries never duplicate text', () => {
  it('response.failed with context_length_exceeded is fatal at once', async () => {
    h = await harness()
    h.emu.script({
      steps: [created(), failed({ code: 'context_length_exceeded', message: 'Too long\nfor the model.' })],
    })
    await h.turn('x', GPT)
    expect(h.emu.responsesRequests()).toHaveLength(1)
    expect(h.of('error')[0]).toMatchObject({
      code: 'context_length_exceeded',
      fatal: true,
      message: 'Too long\nfor the model.',
    })
    expect(h.of('turn_aborted')[0]?.reason).toBe('error')
    expect(h.of('turn_complete')).toEqual([])
  })

  it('response.failed rate_limit_exceeded waits the suggested delay and retries', async () => {
    h = await harness()
    h.emu.script(
      {
        steps: [
          created(),
          failed({ code: 'rate_limit_exceeded', message: 'Rate limit reached. Please try again in 28ms.' }),
        ],
      },
      { steps: textAnswer('after the wait') },
    )
    await h.turn('x', GPT)
    expect(h.emu.responsesRequests()).toHaveLength(2)
    expect(h.of('stream_retry')[0]).toMatchObject({ attempt: 1, delayMs: 28 })
    expect(h.of('stream_retry')[0]?.message).toMatch(/^Reconnecting\.\.\. 1\/4 \(Rate limit reached/)
    expect(h.text()).toBe('after the wait')
    expect(h.of('turn_complete')).toHaveLength(1)
  })

  it('response.incomplete reports its reason', async () => {
    h = await harness()
    h.emu.script({ steps: [created(), ...messageSteps('partial ans'), incomplete('max_output_tokens')] })
    const id = await h.turn('x', GPT)
    expect(h.of('error')[0]?.message).toBe('Incomplete response returned, reason: max_output_tokens')
    const conv = await h.session.loadConversation(id)
    expect(conv?.turns[0]?.status).toBe('failed')
  })

  it('retries 429 honouring retry-after, and 500, then succeeds', async () => {
    h = await harness()
    h.emu.script(
      {
        status: 429,
        headers: { 'retry-after': '0.02' },
        body: { error: { message: 'slow down', type: 'rate_limit_error' } },
      },
      { status: 500, body: { error: { message: 'oops' } } },
      { steps: textAnswer('finally') },
    )
    await h.turn('x', GPT)
    expect(h.emu.responsesRequests()).toHaveLength(3)
    expect(h.of('stream_retry').map((e) => e.delayMs)).toEqual([20, 10])
    expect(h.text()).toBe('finally')
  })

  it('gives up after the request retry budget with the HTTP error', async () => {
    h = await harness({ session: { requestMaxRetries: 2 } })
    h.emu.script(
      ...Array.from({ length: 3 }, () => ({ status: 503, body: { error: { message: 'unavailable' } } })),
    )
    await h.turn('x', GPT)
    expect(h.emu.responsesRequests()).toHaveLength(3)
    expect(h.of('error')[0]).toMatchObject({
      code: 'server_error',
      httpStatus: 503,
      message: 'Server error (HTTP 503): unavailable',
    })
  })

  it('does not retry a 400 and keeps the server message', async () => {
    h = await harness()
    h.emu.script({
      status: 400,
      body: { error: { message: 'Invalid model', type: 'invalid_request_error' } },
    })
    await h.turn('x', GPT)
    expect(h.emu.responsesRequests()).toHaveLength(1)
    expect(h.of('error')[0]).toMatchObject({
      code: 'http_error',
      httpStatus: 400,
      message: 'Request failed (HTTP 400): Invalid model',
    })
  })

  it('skips a malformed JSON frame with a non-fatal error and ignores unknown events', async () => {
    h = await harness()
    const [c, ...rest] = textAnswer('still fine')
    h.emu.script({
      steps: [
        c!,
        { raw: 'event: response.output_text.delta\ndata: {not json\n\n' },
        { event: { type: 'response.new_tool_event', x: 1 } },
        ...rest,
      ],
    })
    await h.turn('x', GPT)
    expect(h.of('error')).toHaveLength(1)
    expect(h.of('error')[0]).toMatchObject({ code: 'malformed_event', fatal: false })
    expect(h.text()).toBe('still fine')
    expect(h.of('turn_complete')).toHaveLength(1)
    expect(
      h.logs.some(
        (l) => l.message === 'ignored unknown stream event' && l.fields?.type === 'response.new_tool_event',
      ),
    ).toBe(true)
  })

  it('times out a stalled stream and retries it without duplicating the shown text', async () => {
    h = await harness({ session: { idleTimeoutMs: 150 } })
    const full = textAnswer('The quick brown fox jumps.', { chunks: 5 })
    h.emu.script({ steps: [...full.slice(0, 5), { stall: true }] }, { steps: full })
    await h.turn('x', GPT)
    expect(h.of('stream_retry')[0]?.message).toContain('idle timeout waiting for SSE')
    const deltas = h
      .of('agent_message_delta')
      .map((e) => e.delta)
      .join('')
    expect(deltas).toBe('The quick brown fox jumps.')
    expect(h.of('agent_message_reset')).toEqual([])
    expect(h.of('agent_message').map((e) => e.text)).toEqual(['The quick brown fox jumps.'])
  })

  it('retries a dropped connection; a different retried answer resets the partial text', async () => {
    h = await harness()
    const first = textAnswer('Alpha beta gamma delta', { chunks: 4 })
    h.emu.script(
      { steps: [...first.slice(0, 5), { drop: true }] },
      { steps: textAnswer('Completely new words', { chunks: 2 }) },
    )
    const id = await h.turn('x', GPT)
    expect(h.of('stream_retry')[0]?.message).toContain('stream closed before response.completed')
    expect(h.of('agent_message_reset').length).toBeGreaterThan(0)
    expect(h.text()).toBe('Completely new words')
    const conv = await h.session.loadConversation(id)
    expect(conv?.items.filter((r) => r.item.type === 'message' && r.item.role === 'assistant')).toHaveLength(
      1,
    )
  })

  it('fails with "stream closed before response.completed" when every attempt ends early', async () => {
    h = await harness({ session: { streamMaxRetries: 1 } })
    const cut = [created(), ...messageSteps('abc')]
    h.emu.script({ steps: cut }, { steps: cut })
    const id = await h.turn('x', GPT)
    expect(h.emu.responsesRequests()).toHaveLength(2)
    expect(h.of('error')[0]).toMatchObject({
      code: 'stream_closed',
      message: 'stream closed before response.completed',
    })
    // The completed item was recorded once, not once per attempt.
    const conv = await h.session.loadConversation(id)
    expect(conv?.items.map((r) => r.item.type)).toEqual(['message', 'message'])
  })

  it('interrupt ends the turn at once and keeps the partial answer', async () => {
    h = await harness()
    const steps = textAnswer('Partial words here and more', { chunks: 5 })
    h.emu.script({ steps: [...steps.slice(0, 6), { stall: true }] })
    const running = h.turn('x', GPT)
    await expect.poll(() => h.of('agent_message_delta').length).toBeGreaterThan(1)
    const id = h.of('turn_started')[0]!.conversationId
    const t0 = Date.now()
    await h.session.submit({ type: 'interrupt', conversationId: id })
    await running
    expect(Date.now() - t0).toBeLessThan(2000)
    expect(h.of('turn_aborted')[0]?.reason).toBe('interrupted')
    const conv = await h.session.loadConversation(id)
    const last = conv?.items.at(-1)
    expect(last?.partial).toBe(true)
    expect(conv?.turns[0]?.status).toBe('interrupted')
  })

  it('rejects an invalid op with a clear message', async () => {
    h = await harness()
    await expect(h.session.submit({ type: 'user_turn', text: '' })).rejects.toThrow(/invalid op: text/)
    await expect(h.session.submit({ type: 'nope' })).rejects.toThrow(/invalid op/)
    await expect(h.session.submit({ type: 'interrupt', conversationId: 'x' })).rejects.toThrow(
      /conversationId/,
    )
  })

  it('a completed turn ignores whatever follows response.completed', async () => {
    h = await harness()
    h.emu.script({
      steps: [...textAnswer('done'), { event: { type: 'response.output_text.delta', delta: 'EXTRA' } }],
    })
    await h.turn('x', GPT)
    expect(h.text()).toBe('done')
  })
})
