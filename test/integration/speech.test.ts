// Dictation and read aloud against the emulator's strict audio endpoints: the CLI commands, the
// engine ops and events (streamed transcript deltas, sentence-chunked speech, stop), and the
// emulator refusing what the public API refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { startEmulator, type Emulator } from '../emulator/index'
import { main } from '../../main/cli'
import { Session } from '../../main/core/session'
import { makeProvider } from '../../main/core/provider-factory'
import { decodeWav, encodeWavPcm16 } from '../../main/core/audio/wav'
import { pcm16ToBytes, tone } from '../../main/core/audio/pcm'
import type { EngineEvent } from '../../shared/events'
import { checkV2Session } from '../emulator/realtime-validate'

let emu: Emulator
let dir: string

beforeAll(async () => {
  emu = await startEmulator()
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-'))
})
afterAll(async () => {
  await emu?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

async function cli(args: string[]) {
  let out = ''
  let err = ''
  const code = await main(args, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    env: { OPENAI_API_KEY: 'sk-test-emulator', OPENAI_BASE_URL: emu.openaiBase },
  })
  return { code, out, err }
}

function session() {
  const s = new Session({
    provider: makeProvider({ id: 'openai', baseUrl: emu.openaiBase, apiKey: 'sk-test-emulator' }),
    dataDir: dir,
  })
  const events: EngineEvent[] = []
  s.subscribe((e) => events.push(e))
  return { s, events }
}

const post = (p: string, body: BodyInit, headers: Record<string, string>) =>
  fetch(`${emu.openaiBase}/${p}`, {
    method: 'POST',
    body,
    headers: { Authorization: 'Bearer sk-test-emulator', ...headers },
  })

describe('assistant transcribe / speak', () => {
  it('transcribe streams a WAV to /audio/transcriptions and prints the text', async () => {
    const wav = path.join(dir, 'in.wav')
    // 1.5 s at 16 kHz stereo: the CLI resamples to 24 kHz mono.
    const samples = tone(48_000, { rate: 16_000, hz: 300 })
    fs.writeFileSync(wav, encodeWavPcm16(samples, 16_000, 2))
    emu.audio.script({ transcripts: ['hello from a file'] })
    const r = await cli(['transcribe', wav])
    expect(r.err).toBe('')
    expect(r.out).toBe('hello from a file\n')
    const [req] = emu.audio.transcriptions().slice(-1)
    expect(req!.fields).toEqual({ model: 'gpt-4o-mini-transcribe', response_format: 'json', stream: 'true' })
    expect(req!.filename).toBe('dictation.wav')
    expect(req!.seconds).toBeCloseTo(1.5, 1)
  })

  it('transcribe with whisper-1 does not ask for a stream and reads the JSON answer', async () => {
    const wav = path.join(dir, 'short.wav')
    fs.writeFileSync(wav, encodeWavPcm16(tone(24_000), 24_000))
    emu.audio.script({})
    const r = await cli(['transcribe', '--model', 'whisper-1', wav])
    expect(r.out).toBe('heard 1000 ms of audio\n')
    expect(emu.audio.transcriptions().at(-1)!.fields).toEqual({ model: 'whisper-1', response_format: 'json' })
  })

  it('--help lists the options; an unknown flag is a usage error', async () => {
    const help = await cli(['speak', '--help'])
    expect(help.code).toBe(0)
    expect(help.out).toMatch(/assistant speak \[OPTIONS\] TEXT[\s\S]*--code RULE/)
    const bad = await cli(['transcribe', '--nope', 'x.wav'])
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/--nope[\s\S]*usage: assistant transcribe/)
  })

  it('transcribe reports a file that is not a WAV plainly', async () => {
    const bad = path.join(dir, 'bad.wav')
    fs.writeFileSync(bad, 'not audio')
    const r = await cli(['transcribe', bad])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/not a WAV file/)
  })

  it('speak writes the streamed PCM as a WAV, cut into requests by sentence', async () => {
    emu.audio.script({ msPerChar: 10 })
    const before = emu.audio.speeches().length
    const out = path.join(dir, 'out.wav')
    const text = 'First sentence here. Second one follows! And a third?'
    const r = await cli(['speak', text, '--out', out])
    expect(r.code).toBe(0)
    const reqs = emu.audio.speeches().slice(before)
    expect(reqs[0]).toEqual({
      model: 'gpt-4o-mini-tts',
      input: 'First sentence here.',
      voice: 'coral',
      response_format: 'pcm',
      stream_format: 'audio',
    })
    expect(reqs.map((q) => q.input).join(' ')).toBe(text)
    const wav = decodeWav(new Uint8Array(fs.readFileSync(out)))
    expect(wav.sampleRate).toBe(24_000)
    const chars = reqs.reduce((n, q) => n + String(q.input).length, 0)
    expect(wav.samples.length).toBe(
      reqs.reduce((n, q) => n + Math.round((10 * String(q.input).length * 24_000) / 1000), 0),
    )
    expect(chars).toBeGreaterThan(40)
  })

  it('speak summarizes code blocks by the visible rule (or skips them)', async () => {
    const text = 'Run this:\n\n```python\nprint(1)\nprint(2)\n```\n\nDone.'
    const before = emu.audio.speeches().length
    await cli(['speak', text, '--out', path.join(dir, 'c.wav')])
    const said = emu.audio
      .speeches()
      .slice(before)
      .map((q) => q.input)
      .join(' ')
    expect(said).toBe('Run this: A code block in python, 2 lines. Done.')
    const mid = emu.audio.speeches().length
    await cli(['speak', text, '--code', 'skip', '--out', path.join(dir, 'd.wav')])
    expect(
      emu.audio
        .speeches()
        .slice(mid)
        .map((q) => q.input)
        .join(' '),
    ).toBe('Run this: Done.')
  })
})

describe('engine ops', () => {
  it('dictation streams transcript deltas, then the whole text', async () => {
    const { s, events } = session()
    emu.audio.script({ transcripts: ['one two three'] })
    const dictationId = randomUUID()
    await s.submit({ type: 'dictation_start', dictationId })
    await s.submit({ type: 'dictation_audio', dictationId, frame: pcm16ToBytes(tone(4800)) })
    await s.submit({ type: 'dictation_stop', dictationId })
    const deltas = events.flatMap((e) => (e.type === 'dictation_delta' ? [e.delta] : []))
    expect(deltas.length).toBeGreaterThan(1)
    expect(deltas.join('')).toBe('one two three')
    expect(events.find((e) => e.type === 'dictation_done')).toMatchObject({ text: 'one two three' })
    await s.close()
  })

  it('dictation through a Realtime transcription session streams audio while speaking', async () => {
    const { s, events } = session()
    emu.realtime.script({ inputTranscripts: ['said over the realtime session'] })
    const dictationId = randomUUID()
    await s.submit({ type: 'dictation_start', dictationId, via: 'realtime', model: 'gpt-4o-transcribe' })
    for (let i = 0; i < 10; i++)
      await s.submit({ type: 'dictation_audio', dictationId, frame: pcm16ToBytes(tone(480)) })
    const conn = await emu.realtime.waitFor(() => emu.realtime.connections().at(-1))
    expect(conn.query).toMatchObject({ intent: 'transcription' })
    await s.submit({ type: 'dictation_stop', dictationId })
    expect(events.find((e) => e.type === 'dictation_done')).toMatchObject({
      text: 'said over the realtime session',
    })
    const frames = emu.realtime.frames(conn.id)
    expect(frames[0]!.body).toMatchObject({
      type: 'session.update',
      session: {
        type: 'transcription',
        audio: { input: { transcription: { model: 'gpt-4o-transcribe' }, turn_detection: null } },
      },
    })
    expect(frames.filter((f) => f.problem !== undefined)).toEqual([])
    expect(frames.map((f) => f.type).filter((t) => t !== 'input_audio_buffer.append')).toEqual([
      'session.update',
      'input_audio_buffer.commit',
    ])
    expect(emu.realtime.audio(conn.id).length).toBe(10 * 960)
    await s.close()
  })

  it('a refused model becomes a dictation_error in plain words', async () => {
    const { s, events } = session()
    const dictationId = randomUUID()
    await s.submit({ type: 'dictation_start', dictationId, model: 'gpt-nope' })
    await s.submit({ type: 'dictation_audio', dictationId, frame: pcm16ToBytes(tone(2400)) })
    await s.submit({ type: 'dictation_stop', dictationId })
    const err = events.find((e) => e.type === 'dictation_error')
    expect(err).toBeDefined()
    expect((err as { message: string }).message).toMatch(/Dictation failed: .*Invalid model 'gpt-nope'/)
    await s.close()
  })

  it('speech_stop ends a long read at once; a new read replaces the running one', async () => {
    const { s, events } = session()
    emu.audio.script({ realTime: true, msPerChar: 60 })
    const first = randomUUID()
    const long = 'This is a sentence that takes a while to say. '.repeat(40)
    const reading = s.submit({ type: 'speech_start', speechId: first, text: long })
    await expect.poll(() => events.some((e) => e.type === 'speech_audio'), { timeout: 5000 }).toBe(true)
    const second = randomUUID()
    const next = s.submit({ type: 'speech_start', speechId: second, text: 'Short.' })
    await reading
    expect(events.find((e) => e.type === 'speech_done' && e.speechId === first)).toMatchObject({
      reason: 'stopped',
    })
    await next
    expect(events.find((e) => e.type === 'speech_done' && e.speechId === second)).toMatchObject({
      reason: 'finished',
    })
    const started = events.find((e) => e.type === 'speech_started' && e.speechId === first)
    expect(started).toMatchObject({ codeBlocks: 0 })
    expect((started as { chunks: number }).chunks).toBeGreaterThan(3)
    await s.close()
  })
})

describe('emulator strictness', () => {
  const form = (entries: [string, string | Blob, string?][]) => {
    const f = new FormData()
    for (const [k, v, name] of entries)
      if (typeof v === 'string') f.append(k, v)
      else f.append(k, v, name)
    return f
  }
  const wav = () => new Blob([encodeWavPcm16(tone(2400), 24_000).slice()], { type: 'audio/wav' })

  it('refuses transcription requests the public API refuses', async () => {
    const cases: [FormData, RegExp][] = [
      [form([['file', wav(), 'a.wav']]), /'model'/],
      [form([['model', 'whisper-1']]), /'file'/],
      [
        form([
          ['model', 'whisper-1'],
          ['stream', 'true'],
          ['file', wav(), 'a.wav'],
        ]),
        /Streaming is not supported/,
      ],
      [
        form([
          ['model', 'gpt-4o-transcribe'],
          ['response_format', 'srt'],
          ['file', wav(), 'a.wav'],
        ]),
        /not compatible/,
      ],
      [
        form([
          ['model', 'whisper-1'],
          ['colour', 'red'],
          ['file', wav(), 'a.wav'],
        ]),
        /Unrecognized request argument/,
      ],
      [
        form([
          ['model', 'whisper-1'],
          ['file', wav(), 'a.txt'],
        ]),
        /Invalid file format/,
      ],
    ]
    for (const [body, message] of cases) {
      const res = await post('audio/transcriptions', body, {})
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message)
    }
    const json = await post('audio/transcriptions', '{}', { 'Content-Type': 'application/json' })
    expect(json.status).toBe(400)
  })

  it('refuses transcription sessions without a known model, or with answer settings', () => {
    const input = { transcription: { model: 'gpt-4o-transcribe' }, turn_detection: null }
    const ok = { type: 'transcription', audio: { input } }
    expect(checkV2Session({ session: ok }).ok).toBe(true)
    expect(checkV2Session({ session: { ...ok, audio: { input: { turn_detection: null } } } }).ok).toBe(false)
    expect(
      checkV2Session({ session: { ...ok, audio: { input: { transcription: { model: 'x' } } } } }).ok,
    ).toBe(false)
    expect(checkV2Session({ session: { ...ok, instructions: 'be nice' } }).ok).toBe(false)
  })

  it('refuses speech requests the public API refuses, and wants the key', async () => {
    const ok = { model: 'gpt-4o-mini-tts', input: 'Hi.', voice: 'coral', response_format: 'pcm' }
    const cases: Record<string, unknown>[] = [
      { ...ok, voice: 'robot' },
      { ...ok, model: 'tts-1', stream_format: 'sse' },
      { ...ok, model: 'tts-1', instructions: 'cheerful' },
      { ...ok, speed: 9 },
      { ...ok, input: '' },
      { ...ok, extra: 1 },
    ]
    for (const c of cases) {
      const res = await post('audio/speech', JSON.stringify(c), { 'Content-Type': 'application/json' })
      expect(res.status, JSON.stringify(c)).toBe(400)
    }
    const unauth = await fetch(`${emu.openaiBase}/audio/speech`, {
      method: 'POST',
      body: JSON.stringify(ok),
      headers: { 'Content-Type': 'application/json' },
    })
    expect(unauth.status).toBe(401)
    emu.audio.script({})
    const good = await post('audio/speech', JSON.stringify(ok), { 'Content-Type': 'application/json' })
    expect(good.headers.get('content-type')).toBe('audio/pcm')
    expect((await good.arrayBuffer()).byteLength).toBe(Math.round((5 * 3 * 24_000) / 1000) * 2)
  })
})
