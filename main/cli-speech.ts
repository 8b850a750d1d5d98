// `assistant transcribe FILE.wav` (prints the text) and `assistant speak "text" --out FILE.wav`,
// through the engine's dictation and read-aloud ops, so the CLI takes the same path as the app.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'
import type { EngineEvent } from '@shared/events'
import { CodeBlockRule, SPEECH_SAMPLE_RATE } from '@shared/speech'
import { Session } from './core/session'
import type { ProviderId } from './core/provider'
import { makeProvider, ProviderConfigError } from './core/provider-factory'
import { streamLogger } from './core/log'
import { decodeWav, encodeWavPcm16, WavError } from './core/audio/wav'
import { bytesToPcm16, frames, toMonoPcm16 } from './core/audio/pcm'
import { usageText } from './cli-usage'

interface Io {
  out: (s: string) => void
  err: (s: string) => void
  env: NodeJS.ProcessEnv
}

class UsageError extends Error {}

const common = {
  model: { type: 'string' },
  provider: { type: 'string', default: 'openai' },
  'base-url': { type: 'string' },
  verbose: { type: 'boolean', default: false },
} as const

function session(
  v: { provider: string; 'base-url'?: string | undefined; verbose: boolean },
  io: Io,
): Session {
  const id = v.provider as ProviderId
  if (id !== 'openai' && id !== 'custom')
    throw new UsageError(`unknown provider "${v.provider}" (openai or custom)`)
  const logger = streamLogger((l) => io.err(l + '\n'), v.verbose ? 'debug' : 'warn')
  return new Session({
    provider: makeProvider({
      id,
      baseUrl: v['base-url'] ?? io.env.OPENAI_BASE_URL,
      apiKey: io.env.OPENAI_API_KEY?.trim() || undefined,
      logger,
    }),
    // Nothing is written: dictation and read aloud keep audio in memory only.
    dataDir: path.join(os.tmpdir(), 'assistant-speech-unused'),
    logger,
  })
}

/** Runs `fn` with the session's events collected; rejects with the first dictation/speech error. */
async function withEvents<T>(s: Session, fn: (events: EngineEvent[]) => Promise<T>): Promise<T> {
  const events: EngineEvent[] = []
  const off = s.subscribe((e) => events.push(e))
  try {
    return await fn(events)
  } finally {
    off()
    await s.close()
  }
}

export async function speechCommand(
  command: 'transcribe' | 'speak',
  args: string[],
  io: Io,
): Promise<number> {
  try {
    return command === 'transcribe' ? await transcribeCmd(args, io) : await speakCmd(args, io)
  } catch (e) {
    if (!(e instanceof UsageError || e instanceof ProviderConfigError || e instanceof WavError)) throw e
    io.err(`assistant: ${e.message}\n${e instanceof WavError ? '' : usageText(command) + '\n'}`)
    return 2
  }
}

async function transcribeCmd(args: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...common, language: { type: 'string' } },
  })
  const file = positionals[0]
  if (!file || positionals.length > 1) throw new UsageError('give one FILE.wav')
  const wav = decodeWav(new Uint8Array(fs.readFileSync(file)))
  const pcm = toMonoPcm16(wav.samples, wav.channels, wav.sampleRate, SPEECH_SAMPLE_RATE)
  const s = session(v, io)
  return withEvents(s, async (events) => {
    const dictationId = randomUUID()
    await s.submit({
      type: 'dictation_start',
      dictationId,
      ...(v.model ? { model: v.model } : {}),
      ...(v.language ? { language: v.language } : {}),
    })
    for (const frame of frames(pcm, SPEECH_SAMPLE_RATE / 2))
      await s.submit({ type: 'dictation_audio', dictationId, frame })
    await s.submit({ type: 'dictation_stop', dictationId })
    for (const e of events) {
      if (e.type === 'dictation_done') {
        io.out(e.text + '\n')
        return 0
      }
      if (e.type === 'dictation_error') {
        io.err(`assistant: ${e.message}\n`)
        return 1
      }
    }
    io.err('assistant: the transcription ended without text\n')
    return 1
  })
}

async function speakCmd(args: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...common,
      out: { type: 'string', default: 'speech.wav' },
      voice: { type: 'string' },
      code: { type: 'string' },
    },
  })
  const text = positionals.join(' ').trim()
  if (!text) throw new UsageError('give the TEXT to speak')
  const code = CodeBlockRule.safeParse(v.code ?? 'summarize')
  if (!code.success) throw new UsageError(`--code must be skip or summarize`)
  const s = session(v, io)
  return withEvents(s, async (events) => {
    await s.submit({
      type: 'speech_start',
      speechId: randomUUID(),
      text,
      codeBlocks: code.data,
      ...(v.model ? { model: v.model } : {}),
      ...(v.voice ? { voice: v.voice } : {}),
    })
    const done = events.find((e) => e.type === 'speech_done')
    if (!done || done.reason !== 'finished') {
      io.err(`assistant: ${done?.message ?? 'read aloud did not finish'}\n`)
      return 1
    }
    const parts = events.flatMap((e) => (e.type === 'speech_audio' ? [e.pcm] : []))
    const bytes = Buffer.concat(parts)
    fs.writeFileSync(v.out, encodeWavPcm16(bytesToPcm16(bytes), SPEECH_SAMPLE_RATE))
    io.err(`wrote ${v.out} (${(bytes.byteLength / 2 / SPEECH_SAMPLE_RATE).toFixed(2)} s)\n`)
    return 0
  })
}
