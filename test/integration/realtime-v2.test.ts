// The public Realtime API dialect (GA) over real sockets: configuration, hands-free and push-to-talk
// turns, text, prompt changes, tolerated unknown events, history, bounded queues, failures.
import { describe, it, expect, afterEach } from 'vitest'
import { rtHarness, voice, silence, type RtHarness } from './realtime-helpers'

let h: RtHarness
afterEach(async () => h?.close())

const bodies = (h: RtHarness, conn = 1) =>
  h.emu.realtime.frames(conn).map((f) => f.body as Record<string, any>)
const types = (h: RtHarness, conn = 1) => bodies(h, conn).map((f) => f.type)

describe('realtime, public API dialect (v2)', () => {
  it('connects to /v1/realtime?model=… and configures the session with session.update first', async () => {
    h = await rtHarness({ voice: 'cedar' })
    const started = await h.start({ prompt: 'Be brief.' })
    expect(started).toMatchObject({ dialect: 'v2', mode: 'vad', model: 'gpt-realtime' })
    const conn = h.emu.realtime.connections()[0]!
    expect(conn).toMatchObject({ path: '/v1/realtime', query: { model: 'gpt-realtime' }, dialect: 'v2' })
    expect(conn.headers.authorization).toBe('Bearer sk-test-emulator')
    expect(conn.headers['openai-beta']).toBeUndefined()
    await h.payload('session_created')
    expect(bodies(h)[0]).toEqual({
      type: 'session.update',
      session: {
        type: 'realtime',
        instructions: 'Be brief.',
        output_modalities: ['audio'],
        audio: {
          input: {
            format: { type: 'audio/pcm', rate: 24000 },
            noise_reduction: { type: 'near_field' },
            transcription: { model: 'gpt-4o-mini-transcribe' },
            turn_detection: { type: 'server_vad', interrupt_response: true, create_response: true },
          },
          output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'cedar' },
        },
      },
    })
  })

  it('a prompt change later is a session.update with the new instructions', async () => {
    h = await rtHarness()
    await h.start()
    await h.payload('session_updated')
    await h.session.submit({ type: 'realtime_prompt', prompt: 'Now answer in French.' })
    expect((await h.payload('session_updated', 2)).instructions).toBe('Now answer in French.')
    expect(bodies(h)[1]).toEqual({
      type: 'session.update',
      session: { type: 'realtime', instructions: 'Now answer in French.' },
    })
  })

  it('hands-free: server VAD turn, transcripts both ways, audio out, all in the history', async () => {
    h = await rtHarness()
    h.emu.realtime.script({
      inputTranscripts: ['what is the capital of France'],
      answers: [{ transcript: 'Paris is the capital.', audioMs: 500, chunks: 5 }],
    })
    const { conversationId } = await h.start()
    await h.audio(voice(400))
    await h.audio(silence(400))
    await h.payload('response_done')
    expect(h.payloads('speech_started')).toHaveLength(1)
    expect(h.payloads('speech_stopped')).toHaveLength(1)
    expect(h.payloads('input_transcript_done')[0]?.text).toBe('what is the capital of France')
    expect(
      h
        .payloads('output_transcript_delta')
        .map((p) => p.delta)
        .join(''),
    ).toBe('Paris is the capital.')
    expect(h.payloads('output_transcript_done')[0]?.text).toBe('Paris is the capital.')
    const out = h.of('realtime_audio_out')
    expect(out.reduce((n, e) => n + e.pcm.byteLength, 0)).toBe(500 * 24 * 2)
    expect(new Set(out.map((e) => e.itemId)).size).toBe(1)
    // The emulator got every frame, all valid, 20 ms each, exactly the audio sent.
    const appends = await h.until(() => {
      const a = h.emu.realtime.frames(1).filter((f) => f.type === 'input_audio_buffer.append')
      return a.length === 40 && a
    })
    expect(appends.every((f) => f.problem === undefined && f.audioBytes === 960)).toBe(true)
    expect(h.emu.realtime.audio(1).byteLength).toBe(800 * 24 * 2)

    await h.session.submit({ type: 'realtime_close' })
    const conv = (await h.session.loadConversation(conversationId))!
    expect(conv.items.map((r) => [(r.item as any).role, (r.item as any).content[0].text, r.partial])).toEqual(
      [
        ['user', 'what is the capital of France', undefined],
        ['assistant', 'Paris is the capital.', undefined],
      ],
    )
    // Recorded under the chat model (a typed turn may continue it), served by the realtime model.
    const { defaultModel } = await h.session.listModels()
    expect(conv.turns).toMatchObject([
      { status: 'completed', model: defaultModel, serverModel: 'gpt-realtime' },
    ])
    expect(conv.summary).toMatchObject({
      title: 'what is the capital of France',
      provider: 'openai',
      turns: 1,
    })
    expect((await h.session.listConversations()).map((c) => c.id)).toEqual([conversationId])
  })

  it('a typed turn continues a voice conversation on the chat model, with the transcripts as context', async () => {
    h = await rtHarness()
    h.emu.realtime.script({ answers: [{ transcript: 'Voice answer.' }] })
    const { conversationId } = await h.start()
    await h.session.submit({ type: 'realtime_text', text: 'voice question' })
    await h.payload('response_done')
    await h.session.submit({ type: 'realtime_close' })
    await h.turn('typed follow-up', { conversationId })
    const body = h.emu.responsesRequests().at(-1)!.body as Record<string, any>
    expect(body.model).toBe((await h.session.listModels()).defaultModel)
    const texts = body.input.map((i: any) => i.content?.[0]?.text)
    expect(texts).toEqual(['voice question', 'Voice answer.', 'typed follow-up'])
  })

  it('push-to-talk: no server VAD, clear on press, commit + response.create on release', async () => {
    h = await rtHarness()
    h.emu.realtime.script({ inputTranscripts: ['ptt turn'], answers: [{ transcript: 'Heard you.' }] })
    await h.start({ mode: 'ptt' })
    await h.payload('session_created')
    expect(bodies(h)[0]?.session.audio.input.turn_detection).toBeNull()
    await h.session.submit({ type: 'realtime_clear' })
    await h.payload('input_cleared')
    await h.audio(voice(300))
    expect(h.payloads('speech_started')).toEqual([]) // nobody detects speech in push-to-talk
    await h.session.submit({ type: 'realtime_commit' })
    await h.payload('response_done')
    expect(types(h).filter((t) => t !== 'input_audio_buffer.append')).toEqual([
      'session.update',
      'input_audio_buffer.clear',
      'input_audio_buffer.commit',
      'response.create',
    ])
    expect(h.payloads('input_committed')).toHaveLength(1)
    expect(h.payloads('output_transcript_done')[0]?.text).toBe('Heard you.')
  })

  it('text: an input_text item plus response.create; typed and spoken answers reach the history', async () => {
    h = await rtHarness()
    h.emu.realtime.script({ answers: [{ transcript: 'Typed answer.' }] })
    const { conversationId } = await h.start()
    await h.session.submit({ type: 'realtime_text', text: 'hello there' })
    await h.payload('response_done')
    expect(bodies(h).slice(1)).toEqual([
      {
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello there' }] },
      },
      { type: 'response.create' },
    ])
    await h.session.submit({ type: 'realtime_close' })
    const items = (await h.session.loadConversation(conversationId))!.items.map(
      (r) => (r.item as any).content[0].text,
    )
    expect(items).toEqual(['hello there', 'Typed answer.'])
  })

  it('tolerates unknown events; a malformed known event is a non-fatal error; the conversation goes on', async () => {
    h = await rtHarness()
    h.emu.realtime.script({
      afterSession: [
        { type: 'rate_limits.updated', rate_limits: [] },
        { type: 'response.brand_new_event', whatever: { nested: true } },
        { type: 'response.output_audio.delta', item_id: 'x' }, // no delta
        { type: 'input_audio_buffer.speech_started', audio_start_ms: 'soon' }, // wrong type
      ],
      answers: [{ transcript: 'Still here.' }],
    })
    await h.start()
    await h.session.submit({ type: 'realtime_text', text: 'are you there?' })
    await h.payload('response_done')
    expect(h.of('realtime_closed')).toEqual([])
    const errors = h.of('error')
    expect(errors.map((e) => [e.code, e.fatal])).toEqual([
      ['malformed_event', false],
      ['malformed_event', false],
    ])
    expect(errors[1]?.message).toMatch(/"input_audio_buffer.speech_started".*audio_start_ms/)
    expect(h.payloads('output_transcript_done')[0]?.text).toBe('Still here.')
    // Unknown events never become realtime events.
    expect(h.of('realtime_event').map((e) => e.payload.kind)).not.toContain('unknown')
  })

  it('a server error event is forwarded and the public API session stays open', async () => {
    h = await rtHarness()
    await h.start()
    await h.payload('session_created')
    h.emu.realtime.send(1, {
      type: 'error',
      error: { type: 'invalid_request_error', code: 'oops', message: 'Bad thing' },
    })
    expect(await h.payload('error')).toEqual({ kind: 'error', message: 'Bad thing', code: 'oops' })
    await h.session.submit({ type: 'realtime_text', text: 'still open?' })
    await h.payload('response_done')
    expect(h.of('realtime_closed')).toEqual([])
  })

  it('splits a large audio delta into events within the bridge frame limit', async () => {
    h = await rtHarness()
    await h.start()
    await h.payload('session_created')
    const pcm = Buffer.alloc(100_000, 7)
    h.emu.realtime.send(1, {
      type: 'response.output_audio.delta',
      item_id: 'big',
      delta: pcm.toString('base64'),
    })
    const out = await h.until(() => {
      const o = h.of('realtime_audio_out')
      return o.length === 3 && o
    })
    expect(out.map((e) => e.pcm.byteLength)).toEqual([48_000, 48_000, 4_000])
    expect(out.every((e) => e.itemId === 'big' && e.pcm.buffer.byteLength === e.pcm.byteLength)).toBe(true)
  })

  it('bounds the audio queue: frames past 256 are dropped with one warning while connecting', async () => {
    h = await rtHarness()
    const starting = h.session.submit({ type: 'realtime_start', prompt: 'p' })
    for (let i = 0; i < 300; i++)
      await h.session.submit({ type: 'realtime_audio', frame: new Uint8Array(960) })
    await starting
    expect(h.of('warning')).toHaveLength(1)
    expect(h.of('warning')[0]?.message).toMatch(/audio was dropped/)
    await h.until(() => h.emu.realtime.frames(1).length === 257)
    expect(types(h)[0]).toBe('session.update') // queued audio never overtakes the configuration
    expect(h.logs.filter((l) => l.message.includes('dropping frames'))).toHaveLength(1)
    // The run of drops ends once the queue has drained: 44 frames were lost.
    await h.session.submit({ type: 'realtime_audio', frame: new Uint8Array(960) })
    expect(h.logs.find((l) => l.message.includes('drained'))?.fields).toMatchObject({ dropped: 44 })
  })

  it('rejects oversized, odd or empty frames at the op boundary', async () => {
    h = await rtHarness()
    await h.start()
    for (const frame of [new Uint8Array(48_002), new Uint8Array(3), new Uint8Array(0), 'AAAA']) {
      await expect(h.session.submit({ type: 'realtime_audio', frame })).rejects.toThrow(/invalid op: frame/)
    }
    await h.session.submit({ type: 'realtime_audio', frame: new ArrayBuffer(960) }) // ArrayBuffer is fine
    await h.until(() => h.emu.realtime.frames(1).length === 2)
  })

  it('a refused handshake is one fatal error with the HTTP status, and nothing started', async () => {
    h = await rtHarness()
    h.emu.scriptHandshake({ refuse: 403 })
    await h.session.submit({ type: 'realtime_start', prompt: 'p' })
    expect(h.of('realtime_started')).toEqual([])
    expect(h.of('realtime_closed')).toEqual([])
    expect(h.of('error')).toEqual([
      expect.objectContaining({
        code: 'unauthorized',
        httpStatus: 403,
        fatal: true,
        message: expect.stringMatching(
          /^Could not start the voice conversation: realtime handshake failed: Unauthorized \(HTTP 403\)/,
        ),
      }),
    ])
    await h.session.submit({ type: 'realtime_text', text: 'x' })
    expect(h.of('error').at(-1)?.message).toBe('conversation is not running')
  })

  it('a start while the previous one is still connecting replaces it without a started or closed event', async () => {
    h = await rtHarness()
    const first = h.session.submit({ type: 'realtime_start', prompt: 'first' })
    const second = h.session.submit({ type: 'realtime_start', prompt: 'second' })
    await Promise.all([first, second])
    const started = h.of('realtime_started')
    expect(started).toHaveLength(1)
    expect(h.of('realtime_closed')).toEqual([])
    expect(h.of('error')).toEqual([])
    await h.session.submit({ type: 'realtime_text', text: 'which one?' })
    const conn = h.emu.realtime.connections().at(-1)!
    await h.until(() => h.emu.realtime.frames(conn.id).length === 3)
    expect((h.emu.realtime.frames(conn.id)[0]?.body as any).session.instructions).toBe('second')
  })

  it('closing the session ends the conversation with reason requested', async () => {
    h = await rtHarness()
    const { conversationId } = await h.start()
    await h.session.close()
    expect(h.of('realtime_closed')).toEqual([
      { type: 'realtime_closed', conversationId, reason: 'requested' },
    ])
    await h.until(() => h.emu.realtime.connections()[0]?.closed)
  })
})
