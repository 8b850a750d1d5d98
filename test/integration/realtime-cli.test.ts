// `assistant realtime` as a process (from source via tsx) against the emulator: a WAV in as the
// user's voice, events out, the assistant's audio to a WAV, transcripts in the history.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { runProcess, type ProcessResult } from './run-process'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator, type Emulator } from '../emulator/index'
import { decodeWav, encodeWavPcm16 } from '../../main/core/audio/wav'
import { dbfs, floatToPcm16, toMonoPcm16 } from '../../main/core/audio/pcm'
import { HistoryStore } from '../../main/core/history/store'

const root = path.resolve(import.meta.dirname, '../..')
const runner = path.join(root, 'test/integration/realtime-cli-runner.ts')
let emu: Emulator
let dir: string

beforeAll(async () => {
  emu = await startEmulator()
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-cli-'))
})
afterAll(async () => {
  await emu?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

function run(args: string[], env: Record<string, string> = {}): Promise<ProcessResult> {
  return runProcess(
    ['--import', 'tsx', runner, 'realtime', ...args],
    {
      PATH: process.env.PATH,
      HOME: dir,
      OPENAI_API_KEY: 'sk-test-emulator',
      OPENAI_BASE_URL: emu.openaiBase,
      ...env,
    },
    root,
  )
}

/** 0.5 s of a voiced-level tone at 44.1 kHz stereo, then 0.1 s of silence. */
function stereoWav(file: string): void {
  const frames = 44100 * 0.6
  const x = new Float32Array(frames * 2)
  for (let i = 0; i < 44100 * 0.5; i++)
    x[2 * i] = x[2 * i + 1] = 0.3 * Math.sin((2 * Math.PI * 220 * i) / 44100)
  fs.writeFileSync(file, encodeWavPcm16(floatToPcm16(x), 44100, 2))
}

const lastConnection = () => emu.realtime.connections().at(-1)!

describe('assistant realtime', () => {
  it('--json: streams the WAV resampled, commits, prints events, writes the answer audio and the history', async () => {
    const input = path.join(dir, 'in.wav')
    const output = path.join(dir, 'out.wav')
    const dataDir = path.join(dir, 'data-json')
    stereoWav(input)
    emu.realtime.script({
      inputTranscripts: ['a spoken question'],
      answers: [
        { transcript: 'A spoken answer.', audioMs: 300 },
        { transcript: 'A typed answer.', audioMs: 200 },
      ],
    })
    const r = await run([
      '--input-wav',
      input,
      '--text',
      'and a typed one',
      '--out-wav',
      output,
      '--json',
      '--speed',
      '0',
      '--data-dir',
      dataDir,
    ])
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const events = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(events[0]).toMatchObject({ type: 'realtime_started', dialect: 'v2', mode: 'ptt' })
    const payloads = events.filter((e) => e.type === 'realtime_event').map((e) => e.payload)
    expect(payloads.filter((p) => p.kind === 'input_transcript_done').map((p) => p.text)).toEqual([
      'a spoken question',
    ])
    expect(payloads.filter((p) => p.kind === 'output_transcript_done').map((p) => p.text)).toEqual([
      'A spoken answer.',
      'A typed answer.',
    ])
    const audioOut = events.filter((e) => e.type === 'realtime_audio_out')
    expect(audioOut.every((e) => e.pcm === undefined && e.pcmBytes > 0)).toBe(true)
    expect(events.at(-1)).toMatchObject({ type: 'realtime_closed', reason: 'requested' })

    // The emulator heard exactly the file, resampled to 24 kHz mono, in valid 20 ms frames.
    const conn = lastConnection()
    const frames = emu.realtime.frames(conn.id)
    const appends = frames.filter((f) => f.type === 'input_audio_buffer.append')
    expect(frames.every((f) => f.problem === undefined)).toBe(true)
    expect(appends.every((f) => f.audioBytes! <= 960)).toBe(true)
    expect(emu.realtime.audio(conn.id).byteLength).toBe(24000 * 0.6 * 2)
    expect(frames.map((f) => f.type).filter((t) => t !== 'input_audio_buffer.append')).toEqual([
      'session.update',
      'input_audio_buffer.commit',
      'response.create',
      'conversation.item.create',
      'response.create',
    ])
    const heard = emu.realtime.audio(conn.id)
    expect(dbfs(new Int16Array(heard.buffer, heard.byteOffset, 24000 * 0.5))).toBeGreaterThan(-15)

    const wav = decodeWav(fs.readFileSync(output))
    expect(wav).toMatchObject({ sampleRate: 24000, channels: 1, bitsPerSample: 16 })
    expect(wav.samples.length).toBe((300 + 200) * 24)

    const store = new HistoryStore(dataDir)
    const [summary] = store.list()
    const items = store.load(summary!.id)!.conversation.items.map((i) => (i.item as any).content[0].text)
    store.close()
    expect(items).toEqual(['a spoken question', 'A spoken answer.', 'and a typed one', 'A typed answer.'])
  })

  it('human output, codex backend dialect: trailing silence ends the turn under server VAD', async () => {
    const input = path.join(dir, 'in2.wav')
    stereoWav(input)
    emu.realtime.script({ inputTranscripts: ['hello backend'], answers: [{ transcript: 'Hello, human.' }] })
    const r = await run([
      '--input-wav',
      input,
      '--dialect',
      'gen0',
      '--base-url',
      emu.url,
      '--speed',
      '0',
      '--data-dir',
      path.join(dir, 'd2'),
    ])
    expect(r.code).toBe(0)
    expect(r.out).toBe('you: hello backend\nassistant: Hello, human.\n')
    expect(r.err).toMatch(/^voice conversation [0-9a-f-]{36} · codex-realtime \(gen0, vad\)\n/)
    const conn = lastConnection()
    expect(conn.path).toBe('/ws')
    expect(emu.realtime.audio(conn.id).byteLength).toBe((24000 * 0.6 + 24000 * 0.8) * 2)
    // Gen 0 sends the answer as a message item, not a transcript event: it reached the history.
    const store = new HistoryStore(path.join(dir, 'd2'))
    const items = store
      .load(store.list()[0]!.id)!
      .conversation.items.map((i) => (i.item as any).content[0].text)
    store.close()
    expect(items).toEqual(['hello backend', 'Hello, human.'])
  })

  it.skipIf(spawnSync('which', ['espeak-ng']).status !== 0)(
    'streams an espeak-ng voice (22 kHz) paced at 4× real time',
    async () => {
      const input = path.join(dir, 'espeak.wav')
      expect(spawnSync('espeak-ng', ['-w', input, 'Hi']).status).toBe(0)
      const w = decodeWav(fs.readFileSync(input))
      const expected = toMonoPcm16(w.samples, w.channels, w.sampleRate)
      const r = await run(['--input-wav', input, '--speed', '4', '--data-dir', path.join(dir, 'd3')])
      expect(r.code).toBe(0)
      expect(r.out).toMatch(/^you: heard \d+ ms of audio\nassistant: Hello from the emulator\.\n$/)
      expect(emu.realtime.audio(lastConnection().id).byteLength).toBe(expected.length * 2)
    },
  )

  it('usage errors exit 2 with the usage text; a refused connection exits 1 with the reason', async () => {
    const usage = await run([])
    expect(usage.code).toBe(2)
    expect(usage.err).toMatch(/give --input-wav FILE, --text TEXT, or both\nusage: assistant realtime/)
    const denied = await run(['--text', 'hi', '--data-dir', path.join(dir, 'd4')], {
      OPENAI_API_KEY: 'sk-wrong',
    })
    expect(denied.code).toBe(1)
    expect(denied.err).toMatch(
      /error: Could not start the voice conversation: realtime handshake failed: Unauthorized \(HTTP 401\)/,
    )
  })
})
