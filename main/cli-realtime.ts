// `assistant realtime`: a voice conversation from the command line. Streams a WAV file (any rate,
// channels or bit depth; resampled to 24 kHz mono PCM16) as the user's voice in 20 ms frames at
// real-time pace, prints transcripts and events, and writes the assistant's audio to a WAV.
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import type { EngineEvent } from '@shared/events'
import { REALTIME_SAMPLE_RATE, RealtimeDialect, RealtimeMode } from '@shared/realtime'
import { Session } from './core/session'
import type { ProviderId } from './core/provider'
import { makeProvider, ProviderConfigError } from './core/provider-factory'
import { CodexAuthFile, codexHome } from './core/auth/codex-auth-file'
import { defaultDataDir } from './core/paths'
import { streamLogger } from './core/log'
import { decodeWav, encodeWavPcm16 } from './core/audio/wav'
import { bytesToPcm16, frames, toMonoPcm16 } from './core/audio/pcm'
import { usageText } from './cli-usage'

export const REALTIME_USAGE = usageText('realtime')

const FRAME_SAMPLES = REALTIME_SAMPLE_RATE / 50 // 20 ms
/** Under server VAD the turn ends on silence: send this much after the voice. */
const TRAILING_SILENCE_MS = 800
const DEFAULT_PROMPT = 'You are a helpful voice assistant. Answer briefly.'

interface Io {
  out: (s: string) => void
  err: (s: string) => void
  env: NodeJS.ProcessEnv
}

class UsageError extends Error {}

function number(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} must be a non-negative number`)
  return n
}

export async function realtime(args: string[], io: Io): Promise<number> {
  try {
    return await run(args, io)
  } catch (e) {
    if (!(e instanceof UsageError || e instanceof ProviderConfigError)) throw e
    io.err(`assistant: ${e.message}\n${REALTIME_USAGE}\n`)
    return 2
  }
}

async function run(args: string[], io: Io): Promise<number> {
  const { values: v } = parseArgs({
    args,
    options: {
      'input-wav': { type: 'string' },
      text: { type: 'string' },
      'out-wav': { type: 'string' },
      json: { type: 'boolean', default: false },
      prompt: { type: 'string', default: DEFAULT_PROMPT },
      provider: { type: 'string', default: 'openai' },
      'base-url': { type: 'string' },
      dialect: { type: 'string', default: 'v2' },
      mode: { type: 'string' },
      model: { type: 'string' },
      voice: { type: 'string' },
      conversation: { type: 'string' },
      'data-dir': { type: 'string' },
      speed: { type: 'string' },
      'wait-ms': { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  })
  if (!v['input-wav'] && !v.text) throw new UsageError('give --input-wav FILE, --text TEXT, or both')
  const dialect = RealtimeDialect.safeParse(v.dialect)
  if (!dialect.success) throw new UsageError(`unknown dialect "${v.dialect}"`)
  // The codex backend takes turns by itself; the public API defaults to push-to-talk here, because a
  // file has a known end and committing it is exact where silence detection is a guess.
  const mode = RealtimeMode.safeParse(v.mode ?? (dialect.data === 'gen0' ? 'vad' : 'ptt'))
  if (!mode.success) throw new UsageError(`unknown mode "${v.mode}"`)
  const speed = number(v.speed, '--speed', 1)
  const waitMs = number(v['wait-ms'], '--wait-ms', 15_000)
  const id = v.provider as ProviderId
  if (id !== 'openai' && id !== 'chatgpt' && id !== 'custom')
    throw new UsageError(`unknown provider "${v.provider}"`)

  let voice: Int16Array | null = null
  if (v['input-wav']) {
    const wav = decodeWav(fs.readFileSync(v['input-wav']))
    voice = toMonoPcm16(wav.samples, wav.channels, wav.sampleRate, REALTIME_SAMPLE_RATE)
  }

  const logger = streamLogger((l) => io.err(l + '\n'), v.verbose ? 'debug' : 'warn')
  const baseUrl = v['base-url'] ?? (id === 'chatgpt' ? io.env.CODEX_BASE_URL : io.env.OPENAI_BASE_URL)
  const session = new Session({
    provider: makeProvider({
      id,
      baseUrl,
      apiKey: io.env.OPENAI_API_KEY?.trim() || undefined,
      tokenStore: id === 'chatgpt' ? new CodexAuthFile(codexHome(io.env)) : undefined,
      logger,
    }),
    dataDir: v['data-dir'] ?? defaultDataDir(io.env),
    logger,
    realtime: {
      dialect: dialect.data,
      ...(v.model ? { model: v.model } : {}),
      ...(v.voice ? { voice: v.voice } : {}),
    },
  })
  const conv = new Conversation(session, io, v.json, v.verbose)
  const onSigint = () => void session.submit({ type: 'realtime_close' })
  process.once('SIGINT', onSigint)
  try {
    await session.submit({
      type: 'realtime_start',
      prompt: v.prompt,
      mode: mode.data,
      ...(v.conversation ? { conversationId: v.conversation } : {}),
    })
    if (!conv.started) return conv.finish(v['out-wav'])
    if (voice) {
      // Counted from before the audio: under VAD the answer may come while silence still streams.
      const answer = conv.nextAnswer()
      await conv.stream(voice, speed, mode.data === 'vad' ? TRAILING_SILENCE_MS : 0)
      if (mode.data === 'ptt') await session.submit({ type: 'realtime_commit' })
      await conv.answered(answer, waitMs)
    }
    if (v.text && conv.open) {
      const answer = conv.nextAnswer()
      await session.submit({ type: 'realtime_text', text: v.text })
      await conv.answered(answer, waitMs)
    }
    await session.submit({ type: 'realtime_close' })
  } finally {
    process.off('SIGINT', onSigint)
    await session.close()
  }
  return conv.finish(v['out-wav'])
}

/** Follows one voice conversation's events: printing, collecting audio, waiting for answers. */
class Conversation {
  started = false
  open = false
  private failed: string | null = null
  private answers = 0
  private readonly audio: Uint8Array[] = []
  private audioFormat = { sampleRate: REALTIME_SAMPLE_RATE, channels: 1 }
  private printed = false
  private lastEventAt = performance.now()
  private wake: (() => void) | null = null

  constructor(
    private readonly session: Session,
    private readonly io: Io,
    private readonly json: boolean,
    private readonly verbose: boolean,
  ) {
    session.subscribe((e) => this.on(e))
  }

  private on(e: EngineEvent): void {
    this.lastEventAt = performance.now()
    if (this.json) {
      const shown = e.type === 'realtime_audio_out' ? { ...e, pcm: undefined, pcmBytes: e.pcm.byteLength } : e
      this.io.out(JSON.stringify(shown) + '\n')
    }
    switch (e.type) {
      case 'realtime_started':
        this.started = this.open = true
        if (!this.json)
          this.io.err(`voice conversation ${e.conversationId} · ${e.model} (${e.dialect}, ${e.mode})\n`)
        break
      case 'realtime_audio_out':
        if (this.audio.length === 0) this.audioFormat = { sampleRate: e.sampleRate, channels: e.channels }
        this.audio.push(e.pcm)
        break
      case 'realtime_event':
        this.payload(e.payload)
        break
      case 'realtime_closed':
        this.open = false
        if (e.reason !== 'requested') this.failed ??= e.message ?? `the conversation ended (${e.reason})`
        break
      case 'error':
        if (e.fatal) this.failed = e.message
        if (!this.json) this.io.err(`error: ${e.message}\n`)
        this.printed ||= e.fatal
        break
      case 'warning':
        if (!this.json) this.io.err(`warning: ${e.message}\n`)
        break
    }
    this.wake?.()
  }

  private payload(p: Extract<EngineEvent, { type: 'realtime_event' }>['payload']): void {
    const human = !this.json
    switch (p.kind) {
      case 'input_transcript_done':
        if (human) this.io.out(`you: ${p.text}\n`)
        break
      case 'output_transcript_done':
        if (human) this.io.out(`assistant: ${p.text}\n`)
        break
      case 'item_added': {
        // Gen 0 answers with a message item instead of transcript events and response.done.
        const text = p.item.role === 'assistant' ? itemText(p.item.content) : ''
        if (!text) break
        if (human) this.io.out(`assistant: ${text}\n`)
        this.answers++
        break
      }
      case 'response_done':
        this.answers++
        break
      case 'error':
        if (human) this.io.err(`server error: ${p.message}\n`)
        break
      default:
        if (human && this.verbose) this.io.err(`[${p.kind}]\n`)
    }
  }

  /** 20 ms frames, paced against a fixed schedule (no drift) unless speed is 0. */
  async stream(pcm: Int16Array, speed: number, silenceMs: number): Promise<void> {
    const all = new Int16Array(pcm.length + Math.round((silenceMs * REALTIME_SAMPLE_RATE) / 1000))
    all.set(pcm)
    const started = performance.now()
    let k = 0
    for (const frame of frames(all, FRAME_SAMPLES)) {
      if (!this.open) return
      await this.session.submit({ type: 'realtime_audio', frame })
      k++
      const due = started + (k * 20) / (speed || 1)
      const wait = speed > 0 ? due - performance.now() : 0
      // Even unpaced, yield a turn so the socket drains as fast as frames are produced.
      await new Promise<void>((r) => (wait > 0 ? setTimeout(r, wait) : setImmediate(r)))
    }
  }

  /** The count `answered` waits for: one more answer than so far. */
  nextAnswer(): number {
    return this.answers + 1
  }

  /** Until `target` answers are complete, the conversation ends, or nothing arrives for `idleMs`. */
  async answered(target: number, idleMs: number): Promise<void> {
    while (this.open && this.answers < target) {
      const left = this.lastEventAt + idleMs - performance.now()
      if (left <= 0) {
        this.failed ??= `no answer within ${idleMs} ms`
        return
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left)
        this.wake = () => {
          clearTimeout(t)
          resolve()
        }
      })
      this.wake = null
    }
  }

  finish(outWav: string | undefined): number {
    if (outWav) {
      const total = this.audio.reduce((n, a) => n + a.byteLength, 0)
      const bytes = new Uint8Array(total)
      let at = 0
      for (const a of this.audio) {
        bytes.set(a, at)
        at += a.byteLength
      }
      const { sampleRate, channels } = this.audioFormat
      fs.writeFileSync(outWav, encodeWavPcm16(bytesToPcm16(bytes), sampleRate, channels))
      const seconds = (total / 2 / channels / sampleRate).toFixed(2)
      if (!this.json) this.io.err(`wrote ${seconds} s of assistant audio to ${outWav}\n`)
    }
    if (!this.started || this.failed) {
      if (!this.json && this.failed && !this.printed) this.io.err(`error: ${this.failed}\n`)
      return 1
    }
    return 0
  }
}

function itemText(content: unknown): string {
  if (!Array.isArray(content)) return ''
  return content.map((c: { text?: unknown }) => (typeof c?.text === 'string' ? c.text : '')).join('')
}
