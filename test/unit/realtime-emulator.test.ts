// The emulator's realtime endpoint itself, driven by a raw WebSocket client: it must be strict
// (session configuration first, valid audio only) so engine tests can trust it.
import { afterEach, describe, expect, it } from 'vitest'
import { openWs, type WsTestClient } from '../emulator/client'
import { startEmulator, type Emulator } from '../emulator/index'
import { pcm16ToBytes, tone } from '../../main/core/audio/pcm'

const KEY = { authorization: 'Bearer sk-test-emulator' }
let emu: Emulator
let clients: WsTestClient[] = []
afterEach(async () => {
  for (const c of clients) c.close()
  clients = []
  await emu?.close()
})

async function connect(
  path = '/v1/realtime?model=gpt-realtime',
  headers: Record<string, string> = KEY,
): Promise<WsTestClient> {
  const r = await openWs(`${emu.url.replace(/^http/, 'ws')}${path}`, headers)
  if (!r.ok) throw new Error(`refused: ${r.status} ${r.body}`)
  clients.push(r.client)
  return r.client
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const v2Session = {
  type: 'session.update',
  session: {
    type: 'realtime',
    instructions: 'x',
    audio: { input: { format: { type: 'audio/pcm', rate: 24000 }, turn_detection: null } },
  },
}

describe('emulator realtime endpoint', () => {
  it('refuses a first message that is not the session configuration: error, then close 1008', async () => {
    emu = await startEmulator()
    const c = await connect()
    c.send({ type: 'input_audio_buffer.append', audio: 'AAAA' })
    const err = await c.nextJson()
    expect(err).toMatchObject({
      type: 'error',
      error: { message: expect.stringMatching(/first message must be session.update/) },
    })
    expect((await c.waitClosed()).code).toBe(1008)
    expect(emu.realtime.frames(1)[0]?.problem).toMatch(/first message/)
  })

  it('answers the configuration with session.created (+ session.updated on v2)', async () => {
    emu = await startEmulator()
    emu.realtime.script({ sessionId: 'sess_x' })
    const c = await connect()
    c.send(v2Session)
    expect(await c.nextJson()).toMatchObject({ type: 'session.created', session: { id: 'sess_x' } })
    expect(await c.nextJson()).toMatchObject({ type: 'session.updated', session: { instructions: 'x' } })
  })

  it('validates every audio append: base64, PCM16 length, size', async () => {
    emu = await startEmulator()
    const c = await connect()
    c.send(v2Session)
    await c.until(['session.updated'])
    const bad: [unknown, RegExp][] = [
      ['not base64!', /not valid base64/],
      [b64(new Uint8Array(3)), /odd byte length 3/],
      [b64(new Uint8Array(48_002)), /frame too large/],
      [42, /must be a base64 string/],
    ]
    for (const [audio, problem] of bad) {
      c.send({ type: 'input_audio_buffer.append', audio })
      expect((await c.nextJson()).error.message).toMatch(problem)
    }
    c.send({ type: 'input_audio_buffer.append', audio: b64(new Uint8Array(960)) })
    await emu.realtime.waitFor(() => emu.realtime.frames(1).length === 6)
    const frames = emu.realtime.frames(1)
    expect(frames.slice(1, 5).every((f) => f.problem)).toBe(true)
    expect(frames[5]).toMatchObject({ type: 'input_audio_buffer.append', audioBytes: 960 })
    expect(frames[5]?.problem).toBeUndefined()
    expect(emu.realtime.audio(1).byteLength).toBe(960)
  })

  it('Gen 0: checks sample_rate, channels and samples_per_channel', async () => {
    emu = await startEmulator()
    const c = await connect('/ws')
    c.send({ type: 'session.create', session: { backend_prompt: 'p', conversation_id: 'c' } })
    expect(await c.nextJson()).toMatchObject({ type: 'session.created', session: { id: 'sess_1' } })
    const delta = b64(new Uint8Array(960))
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ sample_rate: 16000, num_channels: 1 }, /sample_rate must be 24000/],
      [{ sample_rate: 24000, num_channels: 2 }, /num_channels must be 1/],
      [{ sample_rate: 24000, num_channels: 1, samples_per_channel: 960 }, /does not match 480/],
    ]
    for (const [extra, problem] of cases) {
      c.send({ type: 'response.input_audio.delta', delta, ...extra })
      expect(await c.nextJson()).toMatchObject({ type: 'error', message: expect.stringMatching(problem) })
    }
  })

  it('push-to-talk turn: commit needs 100 ms, transcription, answer on response.create, truncate checked', async () => {
    emu = await startEmulator()
    emu.realtime.script({
      answers: [{ transcript: 'Fine.', audioMs: 200, chunks: 2 }],
      inputTranscripts: ['hello'],
    })
    const c = await connect()
    c.send({
      ...v2Session,
      session: {
        ...v2Session.session,
        audio: { input: { ...v2Session.session.audio.input, transcription: { model: 't' } } },
      },
    })
    await c.until(['session.updated'])
    c.send({ type: 'input_audio_buffer.append', audio: b64(new Uint8Array(960)) })
    c.send({ type: 'input_audio_buffer.commit' })
    expect((await c.nextJson()).error.code).toBe('input_audio_buffer_commit_empty')
    c.send({ type: 'input_audio_buffer.append', audio: b64(pcm16ToBytes(tone(4800))) })
    c.send({ type: 'input_audio_buffer.commit' })
    const turn = await c.until(['conversation.item.input_audio_transcription.completed'])
    expect(turn.map((e) => e.type)).toContain('input_audio_buffer.committed')
    expect(turn.at(-1)?.transcript).toBe('hello')
    c.send({ type: 'response.create' })
    const answer = await c.until(['response.done'])
    const deltas = answer.filter((e) => e.type === 'response.output_audio.delta')
    expect(deltas.reduce((n, e) => n + Buffer.from(e.delta, 'base64').byteLength, 0)).toBe(200 * 48)
    const itemId = deltas[0]?.item_id
    c.send({ type: 'conversation.item.truncate', item_id: itemId, content_index: 0, audio_end_ms: 500 })
    expect((await c.nextJson()).error.message).toMatch(/past the item's audio/)
    c.send({ type: 'conversation.item.truncate', item_id: itemId, content_index: 0, audio_end_ms: 150 })
    expect(await c.nextJson()).toMatchObject({
      type: 'conversation.item.truncated',
      item_id: itemId,
      audio_end_ms: 150,
    })
    expect(emu.realtime.truncates(1)).toHaveLength(2)
    c.send({ type: 'response.cancel' })
    expect((await c.nextJson()).error.code).toBe('response_cancel_not_active')
  })

  it('v2 requires a model; auth is checked per path; scripted drops terminate', async () => {
    emu = await startEmulator()
    const noModel = await openWs(`${emu.url.replace(/^http/, 'ws')}/v1/realtime`, KEY)
    expect(noModel.ok || noModel.status).toBe(400)
    const noKey = await openWs(`${emu.url.replace(/^http/, 'ws')}/v1/realtime?model=m`, {})
    expect(noKey.ok || noKey.status).toBe(401)
    emu.realtime.script({ dropAfterFrames: 1 })
    const c = await connect()
    c.send(v2Session)
    expect((await c.waitClosed()).code).toBe(1006)
  })
})
