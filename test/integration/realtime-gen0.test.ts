// The codex backend dialect (Gen 0) over real sockets: protocol.md §10.3 scenarios 1–4 and the
// manager's lifecycle rules (§10.1).
import { describe, it, expect, afterEach } from 'vitest'
import { randomUUID } from 'node:crypto'
import { rtHarness, silence, voice, isType, type RtHarness } from './realtime-helpers'

let h: RtHarness
afterEach(async () => h?.close())

const gen0 = () => rtHarness({ dialect: 'gen0' }, true)
const bodies = (h: RtHarness, conn: number) =>
  h.emu.realtime.frames(conn).map((f) => f.body as Record<string, any>)

describe('realtime, codex backend dialect (Gen 0)', () => {
  it('round trip: session.create first, one audio and one text frame, audio out, close (§10.3 #1)', async () => {
    h = await gen0()
    h.emu.realtime.script({ sessionId: 'sess_1' })
    const started = await h.start()
    expect(started).toMatchObject({ dialect: 'gen0', mode: 'vad' })
    const id = started.conversationId
    const conn = h.emu.realtime.connections()[0]!
    expect(conn.path).toBe('/ws')
    expect(conn.headers.authorization).toBe('Bearer sk-test-emulator')
    expect(conn.headers['user-agent']).toMatch(/^codex_cli_rs\//)
    expect((await h.payload('session_created')).sessionId).toBe('sess_1')

    await h.session.submit({ type: 'realtime_audio', frame: new Uint8Array(960) })
    await h.session.submit({ type: 'realtime_text', text: 'hello' })
    await h.until(() => h.emu.realtime.frames(conn.id).length === 3)
    const [create, ...rest] = bodies(h, conn.id)
    expect(create).toEqual({
      type: 'session.create',
      session: { backend_prompt: 'backend prompt', conversation_id: id },
    })
    expect(rest.map((f) => f.type).sort()).toEqual(['conversation.item.create', 'response.input_audio.delta'])
    expect(rest.find((f) => f.type === 'response.input_audio.delta')).toEqual({
      type: 'response.input_audio.delta',
      delta: Buffer.alloc(960).toString('base64'),
      sample_rate: 24000,
      num_channels: 1,
      samples_per_channel: 480,
    })
    expect(rest.find((f) => f.type === 'conversation.item.create')?.item).toEqual({
      type: 'message',
      role: 'user',
      content: [{ type: 'text', text: 'hello' }],
    })
    expect(h.emu.realtime.frames(conn.id).every((f) => f.problem === undefined)).toBe(true)

    h.emu.realtime.send(conn.id, {
      type: 'response.output_audio.delta',
      delta: 'AQID',
      sample_rate: 24000,
      num_channels: 1,
      samples_per_channel: 480,
    })
    const out = await h.until(() => h.of('realtime_audio_out').find((e) => e.pcm.byteLength === 3))
    expect([...out.pcm]).toEqual([1, 2, 3])

    await h.session.submit({ type: 'realtime_close' })
    expect(h.of('realtime_closed')).toEqual([
      { type: 'realtime_closed', conversationId: id, reason: 'requested' },
    ])
    await h.until(() => h.emu.realtime.connections()[0]!.closed)
    // The typed message and the backend's answer (a message item) are in the history.
    const items = (await h.session.loadConversation(id))!.items.map((r) => [
      r.item.type === 'message' && r.item.role,
      r.item,
    ])
    expect(items.map(([role]) => role)).toEqual(['user', 'assistant'])
  })

  it('audio or text with no conversation running is a bad_request error (§10.3 #2)', async () => {
    h = await gen0()
    await h.session.submit({ type: 'realtime_audio', frame: new Uint8Array(960) })
    await h.session.submit({ type: 'realtime_text', text: 'hello' })
    for (const op of ['realtime_commit', 'realtime_clear', 'realtime_close'])
      await h.session.submit({ type: op })
    const errors = h.of('error')
    expect(errors).toHaveLength(4) // close with nothing running is a no-op
    for (const e of errors)
      expect(e).toMatchObject({ message: 'conversation is not running', code: 'bad_request', fatal: false })
    expect(h.emu.realtime.connections()).toEqual([])
  })

  it('starting while one runs replaces it; audio goes only to the new socket (§10.3 #3)', async () => {
    h = await gen0()
    h.emu.realtime.script({ sessionId: 'sess_old' }, { sessionId: 'sess_new' })
    const [oldId, newId] = [randomUUID(), randomUUID()]
    await h.start({ conversationId: oldId })
    await h.payload('session_created')
    await h.start({ conversationId: newId })
    expect(h.of('realtime_closed')).toEqual([
      { type: 'realtime_closed', conversationId: oldId, reason: 'requested' },
    ])
    expect((await h.payload('session_created', 2)).sessionId).toBe('sess_new')
    await h.session.submit({ type: 'realtime_audio', frame: new Uint8Array(960) })
    await h.until(() => h.emu.realtime.frames(2).length === 2)
    expect(bodies(h, 2)[0]).toMatchObject({ type: 'session.create', session: { conversation_id: newId } })
    expect(h.emu.realtime.frames(1)).toHaveLength(1)
    await h.until(() => h.emu.realtime.connections()[0]!.closed)
    // Events after the replacement belong to the new conversation only.
    const later = h.events.slice(h.events.findIndex((e) => e.type === 'realtime_closed'))
    expect(
      later.every(
        (e) => !('conversationId' in e) || e.conversationId === newId || e.type === 'realtime_closed',
      ),
    ).toBe(true)
  })

  for (const how of ['close', 'drop'] as const) {
    it(`a server ${how} ends the conversation with one error and one transport_closed event (§10.3 #4)`, async () => {
      h = await gen0()
      const { conversationId } = await h.start()
      await h.payload('session_created')
      if (how === 'close') h.emu.realtime.close(1)
      else h.emu.realtime.drop(1)
      const closed = await h.event(isType('realtime_closed'))
      expect(closed).toEqual({ type: 'realtime_closed', conversationId, reason: 'transport_closed' })
      expect(h.payloads('error').at(-1)?.message).toMatch(/^realtime websocket connection is closed/)
      const errIndex = h.events.findIndex((e) => e.type === 'realtime_event' && e.payload.kind === 'error')
      expect(errIndex).toBeLessThan(h.events.indexOf(closed))
      await h.session.submit({ type: 'realtime_audio', frame: new Uint8Array(960) })
      expect(h.of('error').at(-1)?.message).toBe('conversation is not running')
      await h.session.submit({ type: 'realtime_close' })
      expect(h.of('realtime_closed')).toHaveLength(1)
    })
  }

  it('an error event from the codex backend ends the conversation with reason error', async () => {
    h = await gen0()
    await h.start()
    await h.payload('session_created')
    h.emu.realtime.send(1, { type: 'error', message: 'backend exploded' })
    const closed = await h.event(isType('realtime_closed'))
    expect(closed).toMatchObject({ reason: 'error', message: 'backend exploded' })
    expect(h.payloads('error')).toEqual([{ kind: 'error', message: 'backend exploded' }])
  })

  it('a binary frame from the server is an error that ends the conversation', async () => {
    h = await gen0()
    await h.start()
    await h.payload('session_created')
    h.emu.realtime.sendRaw(1, Buffer.from([1, 2, 3]))
    expect(await h.event(isType('realtime_closed'))).toMatchObject({ reason: 'error' })
    expect(h.payloads('error')[0]?.message).toBe('unexpected binary realtime websocket event')
  })

  it('a prompt change sends session.update with the backend prompt and conversation id', async () => {
    h = await gen0()
    const { conversationId } = await h.start()
    await h.session.submit({ type: 'realtime_prompt', prompt: 'speak like a pirate' })
    const updated = await h.payload('session_updated')
    expect(updated.instructions).toBe('speak like a pirate')
    expect(bodies(h, 1)[1]).toEqual({
      type: 'session.update',
      session: { backend_prompt: 'speak like a pirate', conversation_id: conversationId },
    })
  })

  it('push-to-talk is refused clearly and truncation stays local: the backend runs its own turns', async () => {
    h = await gen0()
    await h.start({ mode: 'ptt' })
    expect(h.of('realtime_started')[0]?.mode).toBe('vad')
    await h.session.submit({ type: 'realtime_commit' })
    expect(h.of('error')[0]).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/does not support push-to-talk/),
    })
    await h.session.submit({ type: 'realtime_truncate', itemId: 'item_1', playedSamples: 2400 })
    await h.session.submit({ type: 'realtime_text', text: 'sync' })
    await h.until(() => h.emu.realtime.frames(1).length === 2)
    expect(bodies(h, 1).map((f) => f.type)).toEqual(['session.create', 'conversation.item.create'])
  })

  it('a voiced turn is detected, answered with audio, and both transcripts reach the history', async () => {
    h = await gen0()
    h.emu.realtime.script({
      inputTranscripts: ['turn on the lights'],
      answers: [{ transcript: 'Done.', audioMs: 400, chunks: 4 }],
    })
    const { conversationId } = await h.start()
    await h.audio(voice(300))
    await h.audio(silence(400))
    await h.until(() => h.payloads('item_added').some((p) => p.item.role === 'assistant'))
    const samples = h.of('realtime_audio_out').reduce((n, e) => n + e.pcm.byteLength / 2, 0)
    expect(samples).toBe(400 * 24)
    expect(h.of('realtime_audio_out').every((e) => e.sampleRate === 24000 && e.channels === 1)).toBe(true)
    await h.session.submit({ type: 'realtime_close' })
    const conv = await h.session.loadConversation(conversationId)
    expect(conv?.items.map((r) => (r.item as any).content[0].text)).toEqual(['turn on the lights', 'Done.'])
    expect((await h.session.listConversations()).map((c) => c.id)).toContain(conversationId)
  })
})
