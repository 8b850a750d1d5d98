// Dictation and read aloud in the engine (issue 17). Dictation: PCM frames are kept in memory
// until `dictation_stop`, then sent once as a WAV to `/audio/transcriptions`; deltas stream back
// where the model streams. Read aloud: one at a time (a new one stops the old); the text is cut
// by sentence and each piece is a `/audio/speech` request, the next one fetched while the current
// one plays, so a long answer starts after one short request. Nothing is written to disk.
import type { EngineEvent } from '@shared/events'
import {
  MAX_DICTATION_BYTES,
  SPEECH_AUDIO_EVENT_BYTES,
  SPEECH_SAMPLE_RATE,
  type SpeechOp,
} from '@shared/speech'
import type { Logger } from '../log'
import type { Provider } from '../provider'
import { encodeWavPcm16 } from '../audio/wav'
import { bytesToPcm16 } from '../audio/pcm'
import { DEFAULT_DICTATION_MODEL, transcribe } from './transcribe'
import { speak } from './speak'
import { RealtimeDictation, type RealtimeDictationOptions } from './realtime-dictation'
import { speechChunks, speechText } from './speech-text'

export interface SpeechManagerOptions {
  provider: Provider
  defaultHeaders: Record<string, string>
  emit: (e: EngineEvent) => void
  logger: Logger
  /** Dictations recording at once (default MAX_ACTIVE_DICTATIONS); one more is refused. */
  maxDictations?: number
  /** A dictation with no audio, stop or cancel for this long is ended (default DICTATION_IDLE_MS). */
  dictationIdleMs?: number
  /** Tests replace the Realtime session. */
  openLive?: (o: RealtimeDictationOptions) => Pick<RealtimeDictation, 'append' | 'finish' | 'close'>
}

/** Each dictation buffers up to 14.4 MB and may hold a socket: a window needs one, two leaves slack. */
export const MAX_ACTIVE_DICTATIONS = 2
/** Frames arrive every ~100 ms while recording; a minute of silence from the page means it is gone. */
export const DICTATION_IDLE_MS = 60_000

interface Dictation {
  /** A Realtime transcription session the audio streams to (`via: 'realtime'`). */
  live: Pick<RealtimeDictation, 'append' | 'finish' | 'close'> | null
  model: string | undefined
  language: string | undefined
  frames: Uint8Array[]
  bytes: number
  abort: AbortController
  idle: ReturnType<typeof setTimeout>
}

interface Reading {
  id: string
  abort: AbortController
}

export class SpeechManager {
  private readonly dictations = new Map<string, Dictation>()
  private reading: Reading | null = null

  constructor(private readonly opts: SpeechManagerOptions) {}

  async submit(op: SpeechOp): Promise<void> {
    switch (op.type) {
      case 'dictation_start':
        return this.startDictation(op)
      case 'dictation_audio': {
        const d = this.dictations.get(op.dictationId)
        // Frames still in flight after a stop or cancel are dropped.
        if (!d) return
        // Past the limit the rest is dropped: the transcript of the first five minutes still arrives.
        d.idle.refresh()
        if (d.bytes + op.frame.byteLength > MAX_DICTATION_BYTES) return
        if (d.live) d.live.append(op.frame)
        else d.frames.push(op.frame.slice())
        d.bytes += op.frame.byteLength
        return
      }
      case 'dictation_cancel':
        this.endDictation(op.dictationId)
        return
      case 'dictation_stop':
        return this.finishDictation(op.dictationId)
      case 'speech_start':
        return this.read(op)
      case 'speech_stop':
        if (this.reading?.id === op.speechId) this.reading.abort.abort()
        return
    }
  }

  close(): void {
    for (const id of [...this.dictations.keys()]) this.endDictation(id)
    this.reading?.abort.abort()
  }

  private startDictation(op: Extract<SpeechOp, { type: 'dictation_start' }>): void {
    const id = op.dictationId
    this.endDictation(id) // a restart with the same id replaces the old one, socket included
    const max = this.opts.maxDictations ?? MAX_ACTIVE_DICTATIONS
    if (this.dictations.size >= max) {
      const message = `Not started: ${max} dictations are already recording. Stop one first.`
      return this.opts.emit({ type: 'dictation_error', dictationId: id, message })
    }
    const idleMs = this.opts.dictationIdleMs ?? DICTATION_IDLE_MS
    const idle = setTimeout(() => {
      if (!this.endDictation(id)) return
      const message = `Dictation ended: no audio for ${Math.round(idleMs / 1000)} s.`
      this.opts.emit({ type: 'dictation_error', dictationId: id, message })
    }, idleMs)
    idle.unref?.()
    const liveOptions: RealtimeDictationOptions = {
      provider: this.opts.provider,
      defaultHeaders: this.opts.defaultHeaders,
      model: op.model ?? DEFAULT_DICTATION_MODEL,
      language: op.language,
      onDelta: (delta) => this.opts.emit({ type: 'dictation_delta', dictationId: id, delta }),
    }
    const openLive = this.opts.openLive ?? ((o) => new RealtimeDictation(o))
    this.dictations.set(id, {
      live: op.via === 'realtime' ? openLive(liveOptions) : null,
      model: op.model,
      language: op.language,
      frames: [],
      bytes: 0,
      abort: new AbortController(),
      idle,
    })
  }

  /** Drop a recording dictation (abort, close its socket); whether there was one. */
  private endDictation(id: string): boolean {
    const d = this.dictations.get(id)
    if (!d) return false
    this.dictations.delete(id)
    clearTimeout(d.idle)
    d.abort.abort()
    d.live?.close()
    return true
  }

  private async finishDictation(id: string): Promise<void> {
    const d = this.dictations.get(id)
    const { emit } = this.opts
    if (!d)
      return emit({ type: 'dictation_error', dictationId: id, message: 'This dictation is not running.' })
    this.dictations.delete(id)
    clearTimeout(d.idle)
    if (d.bytes === 0) {
      d.live?.close()
      emit({ type: 'dictation_error', dictationId: id, message: 'Nothing was recorded.' })
      return
    }
    if (d.live) {
      try {
        const t = await d.live.finish()
        emit({ type: 'dictation_done', dictationId: id, text: t.text.trim(), serviceMs: t.serviceMs })
      } catch (e) {
        emit({
          type: 'dictation_error',
          dictationId: id,
          message: `Dictation failed: ${(e as Error).message}`,
        })
      }
      return
    }
    const pcm = new Uint8Array(d.bytes)
    let at = 0
    for (const f of d.frames) {
      pcm.set(f, at)
      at += f.byteLength
    }
    try {
      const t = await transcribe({
        provider: this.opts.provider,
        defaultHeaders: this.opts.defaultHeaders,
        wav: encodeWavPcm16(bytesToPcm16(pcm), SPEECH_SAMPLE_RATE),
        model: d.model,
        language: d.language,
        signal: d.abort.signal,
        onDelta: (delta) => emit({ type: 'dictation_delta', dictationId: id, delta }),
      })
      emit({ type: 'dictation_done', dictationId: id, text: t.text.trim(), serviceMs: t.serviceMs })
    } catch (e) {
      if (d.abort.signal.aborted) return
      emit({ type: 'dictation_error', dictationId: id, message: `Dictation failed: ${(e as Error).message}` })
    }
  }

  private async read(op: Extract<SpeechOp, { type: 'speech_start' }>): Promise<void> {
    this.reading?.abort.abort()
    const reading: Reading = { id: op.speechId, abort: new AbortController() }
    this.reading = reading
    const { emit } = this.opts
    const prepared = speechText(op.text, op.codeBlocks ?? 'summarize')
    const chunks = speechChunks(prepared.text)
    emit({
      type: 'speech_started',
      speechId: op.speechId,
      chunks: chunks.length,
      codeBlocks: prepared.codeBlocks,
    })
    const started = performance.now()
    let firstByte: number | undefined
    const request = (input: string) => {
      const parts: Uint8Array[] = []
      let wake: (() => void) | null = null
      let done = false
      const finished = speak({
        provider: this.opts.provider,
        defaultHeaders: this.opts.defaultHeaders,
        input,
        model: op.model,
        voice: op.voice,
        signal: reading.abort.signal,
        onPcm: (pcm) => {
          parts.push(pcm)
          wake?.()
        },
      }).finally(() => {
        done = true
        wake?.()
      })
      finished.catch(() => undefined) // awaited below; a prefetch that is never reached must not be unhandled
      return { parts, finished, isDone: () => done, wait: () => new Promise<void>((r) => (wake = r)) }
    }
    try {
      let next = chunks.length > 0 ? request(chunks[0]!) : null
      for (let i = 0; next; i++) {
        const current = next
        // Fetch the next piece while this one plays.
        next = i + 1 < chunks.length ? request(chunks[i + 1]!) : null
        for (;;) {
          while (current.parts.length > 0) {
            const pcm = current.parts.shift()!
            for (let at = 0; at < pcm.byteLength; at += SPEECH_AUDIO_EVENT_BYTES) {
              const first = firstByte === undefined
              if (first) firstByte = performance.now() - started
              emit({
                type: 'speech_audio',
                speechId: op.speechId,
                sampleRate: SPEECH_SAMPLE_RATE,
                pcm: pcm.slice(at, at + SPEECH_AUDIO_EVENT_BYTES),
                ...(first ? { serviceFirstByteMs: firstByte } : {}),
              })
            }
          }
          if (current.isDone()) break
          await current.wait()
        }
        await current.finished
      }
      emit({ type: 'speech_done', speechId: op.speechId, reason: 'finished' })
    } catch (e) {
      const stopped = reading.abort.signal.aborted
      if (!stopped) this.opts.logger.log('warn', 'read aloud failed', { error: (e as Error).message })
      emit({
        type: 'speech_done',
        speechId: op.speechId,
        reason: stopped ? 'stopped' : 'error',
        ...(stopped ? {} : { message: `Read aloud failed: ${(e as Error).message}` }),
      })
    } finally {
      if (this.reading === reading) this.reading = null
    }
  }
}
