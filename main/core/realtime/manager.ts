// RealtimeConversationManager (protocol.md §10.1): at most one voice conversation at a time.
// Ops in, `realtime_*` events out; transcripts go to the conversation history.
import { randomUUID } from 'node:crypto'
import type { EngineEvent, ErrorCode } from '@shared/events'
import {
  type RealtimeDialect,
  type RealtimeEventPayload,
  type RealtimeMode,
  type RealtimeOp,
  type RealtimeStartOp,
  MAX_REALTIME_PROMPT_CHARS,
} from '@shared/realtime'
import type { ResponseItem } from '@shared/wire/items'
import type { HistoryStore } from '../history/store'
import type { Logger } from '../log'
import { mergeHeaders, type Provider } from '../provider'
import { AUDIO_QUEUE_FRAMES, RealtimeClient, RealtimeConnectError } from './client'
import { framesFor, type DialectFrames, type Frame } from './frames'
import { audioChunks, type AudioOut, type Inbound } from './translate'
import { TranscriptRecorder } from './transcripts'
import { historyContext } from './history-context'
import { realtimeUrl } from './url'
import {
  DEFAULT_REALTIME_MODEL,
  DEFAULT_REALTIME_VOICE,
  DEFAULT_TRANSCRIPTION_MODEL,
  NOT_RUNNING,
  type RealtimeSettings,
} from './settings'

export type { RealtimeSettings }

export interface RealtimeManagerOptions {
  provider: Provider
  settings?: RealtimeSettings | undefined
  defaultHeaders: Record<string, string>
  store: HistoryStore
  emit: (e: EngineEvent) => void
  logger: Logger
  onHistoryItem?: (conversationId: string, item: ResponseItem) => void
  /** The chat model a new conversation gets in its history (Session: the default model). */
  chatModel?: () => Promise<string>
}

interface Live {
  id: string
  dialect: RealtimeDialect
  mode: RealtimeMode
  model: string
  frames: DialectFrames
  client: RealtimeClient
  abort: AbortController
  started: boolean
  ended: boolean
  transcripts: TranscriptRecorder
  /** The server is generating a response (response.created … done). */
  responding: boolean
  /** We asked for one and the server has not confirmed it yet: asking again would be an error. */
  requested: boolean
  /** The user started speaking during it: with server VAD the server cancels it by itself. */
  speechDuringResponse: boolean
  /** Samples of assistant audio received per item, to bound a truncate to what exists. */
  audioItems: Map<string, { sampleRate: number; samples: number }>
  lastAudioItem: string | undefined
  /** Frames dropped in the current run of drops (0: not dropping). */
  dropped: number
}

export class RealtimeConversationManager {
  private live: Live | null = null

  constructor(private readonly opts: RealtimeManagerOptions) {}

  /** Resolves when the op has been carried out (start: connected or failed; text: written). */
  async submit(op: RealtimeOp): Promise<void> {
    if (op.type === 'realtime_start') return this.start(op)
    const live = this.live
    if (op.type === 'realtime_close') {
      // Closing twice (a hotkey toggle racing a stop button) is harmless, not an error.
      if (live) this.end(live, 'requested')
      return
    }
    if (!live) return this.error(undefined, NOT_RUNNING, 'bad_request')
    switch (op.type) {
      case 'realtime_audio':
        return this.audio(live, op.frame)
      case 'realtime_text':
        live.transcripts.userText(op.text)
        return this.send(live, live.frames.text(op.text, this.askForResponse(live)))
      case 'realtime_prompt':
        return this.send(live, [live.frames.prompt(op.prompt, live.id)])
      case 'realtime_commit': {
        const frames = live.frames.commit()
        if (!frames) return this.unsupported(live, 'push-to-talk')
        live.requested = true
        // Behind the audio still queued: the turn is everything captured up to the release.
        await Promise.all(frames.map((f) => live.client.sendAfterAudio(f)))
        return
      }
      case 'realtime_clear': {
        const frame = live.frames.clear()
        if (!frame) return this.unsupported(live, 'push-to-talk')
        // Audio from before the press is not part of the new turn, sent or not.
        live.client.discardAudio()
        return this.send(live, [frame])
      }
      case 'realtime_truncate':
        return this.truncate(live, op.itemId ?? live.lastAudioItem, op.playedSamples)
    }
  }

  private async start(op: RealtimeStartOp): Promise<void> {
    const previous = this.live
    if (previous) this.end(previous, 'requested')
    const { provider, settings = {} } = this.opts
    const dialect = op.dialect ?? settings.dialect ?? 'v2'
    const model = op.model ?? settings.model ?? (dialect === 'v2' ? DEFAULT_REALTIME_MODEL : 'codex-realtime')
    const id = op.conversationId ?? randomUUID()
    const url = realtimeUrl(dialect, settings.baseUrl ?? provider.baseUrl, {
      model: dialect === 'v2' ? model : undefined,
      query: provider.queryParams,
    })
    const sink = {
      store: this.opts.store,
      conversationId: id,
      provider: provider.id,
      model: '',
      servedBy: model,
      onItem: this.opts.onHistoryItem,
    }
    const historyModel = this.historyModel(id)
    const live: Live = {
      id,
      dialect,
      // The codex backend takes turns by itself.
      mode: dialect === 'gen0' ? 'vad' : (op.mode ?? 'vad'),
      model,
      frames: framesFor(dialect),
      abort: new AbortController(),
      started: false,
      ended: false,
      responding: false,
      requested: false,
      speechDuringResponse: false,
      audioItems: new Map(),
      lastAudioItem: undefined,
      dropped: 0,
      transcripts: new TranscriptRecorder(sink),
      client: new RealtimeClient({
        dialect,
        url,
        agent: provider.agent?.(new URL(url.replace(/^ws/, 'http'))),
        ...(settings.connectTimeoutMs ? { connectTimeoutMs: settings.connectTimeoutMs } : {}),
        onInbound: (e) => this.inbound(live, e),
        onEnd: (info) => this.transportEnded(live, info),
      }),
    }
    // Installed before connecting: audio captured while the socket opens is queued, not refused.
    this.live = live
    const first = live.frames.session({
      prompt: (op.prompt + this.context(id)).slice(0, MAX_REALTIME_PROMPT_CHARS),
      conversationId: id,
      mode: live.mode,
      voice: op.voice ?? settings.voice ?? DEFAULT_REALTIME_VOICE,
      transcriptionModel: settings.transcriptionModel ?? DEFAULT_TRANSCRIPTION_MODEL,
    })
    try {
      await this.connect(live, first)
    } catch (e) {
      if (live.ended) return
      live.ended = true
      if (this.live === live) this.live = null
      live.client.terminate()
      const err = e as Partial<RealtimeConnectError> & Error
      this.opts.emit({
        type: 'error',
        conversationId: id,
        message: `Could not start the voice conversation: ${err.message}`,
        code: err.code ?? 'transport',
        fatal: true,
        ...(err.httpStatus ? { httpStatus: err.httpStatus } : {}),
      })
      return
    }
    // Resolved alongside the connect; nothing is written to the history before this.
    sink.model = await historyModel
    if (live.ended) return
    live.started = true
    this.opts.emit({ type: 'realtime_started', conversationId: id, dialect, mode: live.mode, model })
  }

  /** The chat so far, for the session's instructions ('' for a new or unreadable one). */
  private context(id: string): string {
    try {
      return historyContext(this.opts.store.exists(id) ? this.opts.store.load(id)?.conversation : null)
    } catch {
      return ''
    }
  }

  /** An existing conversation keeps its model; a new one gets the chat default. Never rejects. */
  private async historyModel(id: string): Promise<string> {
    try {
      return this.opts.store.load(id)?.conversation.summary.model || ((await this.opts.chatModel?.()) ?? '')
    } catch {
      return ''
    }
  }

  private async connect(live: Live, first: Frame): Promise<void> {
    const { provider, defaultHeaders } = this.opts
    for (let attempt = 0; ; attempt++) {
      const auth = await provider.auth.headers()
      if (live.ended) return
      const headers = mergeHeaders(provider.headers, {}, defaultHeaders, auth)
      try {
        return await live.client.connect(headers, first, live.abort.signal)
      } catch (e) {
        // One refresh after a 401, as for model requests (ChatGPT tokens expire).
        const unauthorized = e instanceof RealtimeConnectError && e.httpStatus === 401
        if (!unauthorized || attempt > 0 || !provider.auth.refresh || !(await provider.auth.refresh()))
          throw e
      }
    }
  }

  private askForResponse(live: Live): boolean {
    if (live.responding || live.requested) return false
    live.requested = true
    return true
  }

  private audio(live: Live, frame: Uint8Array): void {
    const b64 = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64')
    const log = this.opts.logger
    if (live.client.sendAudio(live.frames.audio(b64, frame.byteLength / 2))) {
      if (live.dropped > 0 && live.client.queuedAudio < AUDIO_QUEUE_FRAMES / 2) {
        log.log('warn', 'realtime audio queue drained', { conversation: live.id, dropped: live.dropped })
        live.dropped = 0
      }
      return
    }
    // Try-send (§10.1): a full queue drops the frame; one warning (and log line) per run of drops.
    if (live.dropped++ > 0) return
    log.log('warn', 'realtime audio queue full; dropping frames', { conversation: live.id })
    this.opts.emit({
      type: 'warning',
      conversationId: live.id,
      message: 'The connection is not keeping up with the microphone; some audio was dropped.',
      code: 'other',
    })
  }

  private async send(live: Live, frames: Frame[]): Promise<void> {
    const writes: Promise<void>[] = []
    for (const f of frames) {
      const w = live.client.sendJson(f)
      if (w === false)
        return this.error(live.id, 'Too many messages are waiting to be sent; try again.', 'bad_request')
      writes.push(w)
    }
    await Promise.all(writes)
  }

  private truncate(live: Live, itemId: string | undefined, playedSamples: number): Promise<void> | void {
    if (!itemId) return this.error(live.id, 'There is no assistant audio to truncate.', 'bad_request')
    const item = live.audioItems.get(itemId)
    const sampleRate = item?.sampleRate ?? 24_000
    // The server rejects a position past the audio it sent.
    const samples = item ? Math.min(playedSamples, item.samples) : playedSamples
    const audioEndMs = Math.floor((samples * 1000) / sampleRate)
    live.transcripts.truncated(itemId, audioEndMs)
    const truncate = live.frames.truncate(itemId, audioEndMs)
    if (!truncate) {
      this.opts.logger.log('debug', 'truncate not supported by this dialect; history only', {
        dialect: live.dialect,
      })
      return
    }
    const frames: Frame[] = []
    // With server VAD the server already cancelled the response the user talked over.
    const cancel = live.frames.cancel()
    if (cancel && live.responding && !(live.mode === 'vad' && live.speechDuringResponse)) frames.push(cancel)
    frames.push(truncate)
    return this.send(live, frames)
  }

  private inbound(live: Live, e: Inbound): void {
    if (live.ended) return
    switch (e.kind) {
      case 'ignored':
        this.opts.logger.log('debug', 'realtime event ignored', { type: e.eventType })
        return
      case 'malformed':
        if (e.fatal) {
          this.emitPayload(live, { kind: 'error', message: e.message })
          return this.end(live, 'error', e.message)
        }
        return this.error(live.id, e.message, 'malformed_event')
      case 'audio':
        return this.audioOut(live, e.audio)
      case 'event':
        this.track(live, e.payload)
        this.emitPayload(live, e.payload)
        if (e.fatal) this.end(live, 'error', e.payload.kind === 'error' ? e.payload.message : undefined)
    }
  }

  /** Response state that follows from a server event; the history takes its share. */
  private track(live: Live, p: RealtimeEventPayload): void {
    if (p.kind === 'response_created') {
      live.responding = true
      live.requested = false
      live.speechDuringResponse = false
    } else if (p.kind === 'response_done' || p.kind === 'response_cancelled') live.responding = false
    else if (p.kind === 'speech_started' && live.responding) live.speechDuringResponse = true
    // A refused commit or response.create must not leave us waiting for a response forever.
    else if (p.kind === 'error') live.requested = false
    try {
      live.transcripts.onEvent(p)
    } catch (e) {
      this.error(live.id, `Could not save the voice transcript: ${(e as Error).message}`, 'history')
    }
  }

  private audioOut(live: Live, a: AudioOut): void {
    const frameBytes = 2 * a.channels
    const samples = Math.floor(a.pcm.byteLength / frameBytes)
    if (a.itemId) {
      const item = live.audioItems.get(a.itemId) ?? { sampleRate: a.sampleRate, samples: 0 }
      item.samples += samples
      live.audioItems.set(a.itemId, item)
      live.lastAudioItem = a.itemId
    }
    live.transcripts.assistantAudio(a.itemId, samples, a.sampleRate)
    for (const pcm of audioChunks(a.pcm, frameBytes)) {
      this.opts.emit({
        type: 'realtime_audio_out',
        conversationId: live.id,
        ...(a.itemId ? { itemId: a.itemId } : {}),
        ...(a.responseId ? { responseId: a.responseId } : {}),
        sampleRate: a.sampleRate,
        channels: a.channels,
        pcm,
      })
    }
  }

  private transportEnded(live: Live, info: { byUs: boolean; message: string }): void {
    if (live.ended || info.byUs) return
    this.emitPayload(live, { kind: 'error', message: info.message })
    this.end(live, 'transport_closed')
  }

  /** The one way a conversation ends: exactly one `realtime_closed` (if it had started). */
  private end(live: Live, reason: 'requested' | 'transport_closed' | 'error', message?: string): void {
    if (live.ended) return
    live.ended = true
    if (this.live === live) this.live = null
    live.abort.abort()
    live.client.close()
    try {
      live.transcripts.finish()
    } catch (e) {
      this.error(live.id, `Could not save the voice transcript: ${(e as Error).message}`, 'history')
    }
    if (live.started) {
      this.opts.emit({
        type: 'realtime_closed',
        conversationId: live.id,
        reason,
        ...(message !== undefined ? { message } : {}),
      })
    }
  }

  private emitPayload(live: Live, payload: RealtimeEventPayload): void {
    this.opts.emit({ type: 'realtime_event', conversationId: live.id, payload })
  }

  private unsupported(live: Live, what: string): void {
    this.error(live.id, `The ${live.dialect} realtime dialect does not support ${what}.`, 'bad_request')
  }

  private error(conversationId: string | undefined, message: string, code: ErrorCode): void {
    this.opts.emit({
      type: 'error',
      ...(conversationId ? { conversationId } : {}),
      message,
      code,
      fatal: false,
    })
  }

  /** Session.close(): end the running conversation. */
  close(): void {
    if (this.live) this.end(this.live, 'requested')
  }
}
