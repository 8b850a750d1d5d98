// One realtime connection of the emulator: the first frame must be the session configuration,
// every audio append is validated and recorded, server VAD is emulated on the audio's loudness, and
// answers stream as scripted.
import { WebSocket } from 'ws'
import { bytesToPcm16, rms } from '../../main/core/audio/pcm'
import { apiError } from './errors'
import { streamAnswer, type ActiveResponse, type AnswerHost } from './realtime-answer'
import type { ConnectionRecord, RealtimeState } from './realtime-state'
import type { RealtimeDialect, RealtimeFrame, RealtimeScript } from './realtime-types'
import {
  RATE,
  checkAudio,
  checkGen0Audio,
  checkGen0Session,
  checkTextItem,
  checkV2Session,
  isRecord,
  type V2Session,
} from './realtime-validate'
import { newId } from './script-base'
import type { EmulatorState } from './state'

/** Frames louder than this (RMS of PCM16, about −40 dBFS) count as speech for the emulated VAD. */
const VOICE_RMS = 330

export class RealtimeSession implements AnswerHost {
  readonly dialect: RealtimeDialect
  private configured = false
  private v2: V2Session | undefined
  private active: ActiveResponse | null = null
  private readonly answers
  private readonly inputTranscripts
  private readonly assistantAudio = new Map<string, number>()
  private lastItemId: string | undefined
  // Emulated server VAD and the pending user turn.
  private speaking = false
  private silenceMs = 0
  private inputMs = 0
  private userItem: string | undefined
  private turnBytes = 0

  constructor(
    private readonly state: EmulatorState,
    private readonly rt: RealtimeState,
    private readonly rec: ConnectionRecord,
    private readonly script: RealtimeScript,
  ) {
    this.dialect = rec.info.dialect
    this.answers = [...(script.answers ?? [])]
    this.inputTranscripts = [...(script.inputTranscripts ?? [])]
  }

  // ---- AnswerHost
  send(event: Record<string, unknown>): Promise<void> {
    return new Promise((resolve) => {
      if (!this.isOpen()) return resolve()
      this.rec.sent.push(event)
      this.rec.ws.send(JSON.stringify(event), () => resolve())
      this.rt.changed()
    })
  }
  sleep = (ms: number) => this.state.sleep(ms)
  isOpen = () => !this.state.closed && this.rec.ws.readyState === WebSocket.OPEN
  terminate = () => this.rec.ws.terminate()
  previousItemId = () => this.lastItemId
  setActive = (r: ActiveResponse | null) => {
    this.active = r
    if (r) this.lastItemId = r.itemId
  }
  noteAssistantAudio(itemId: string, samples: number): void {
    this.assistantAudio.set(itemId, (this.assistantAudio.get(itemId) ?? 0) + samples)
  }
  userInterrupts(): boolean {
    // The user is talking now: following voiced audio continues this item until silence ends it.
    this.speaking = true
    this.silenceMs = 0
    this.userItem = newId('item')
    void this.send({
      type: 'input_audio_buffer.speech_started',
      audio_start_ms: this.inputMs,
      item_id: this.userItem,
    })
    // The codex backend and server VAD with interrupt_response stop the answer themselves.
    return this.dialect === 'gen0' || (this.v2?.vad === true && this.v2.interruptResponse)
  }

  closed(): void {
    if (this.active) {
      this.active.cancelled = true
      this.active.wake?.()
    }
  }

  // ---- Client frames
  onFrame(bytes: Buffer, isBinary: boolean): void {
    const frame: RealtimeFrame = {
      connectionId: this.rec.info.id,
      index: this.rec.frames.length,
      type: null,
      body: undefined,
      receivedAtMs: performance.timeOrigin + performance.now(),
    }
    this.rec.frames.push(frame)
    this.rt.frames.push(frame)
    const recorded = this.state.record({
      transport: 'ws-frame',
      method: 'WS',
      path: this.rec.info.path,
      query: this.rec.info.query,
      headers: this.rec.info.headers,
      body: undefined,
      rawBytes: bytes.length,
      connectionId: this.rec.info.id,
    })
    try {
      this.handle(frame, bytes, isBinary)
      recorded.body = frame.body
    } catch (e) {
      console.error(`emulator realtime: ${(e as Error).message}`)
      this.rec.ws.terminate()
    }
    const count = this.rec.frames.length
    if (count === this.script.dropAfterFrames) this.rec.ws.terminate()
    else if (count === this.script.closeAfterFrames) this.rec.ws.close(1000)
    this.rt.changed()
  }

  private reject(frame: RealtimeFrame, problem: string, code = 'invalid_request'): void {
    frame.problem = problem
    const event =
      this.dialect === 'gen0'
        ? { type: 'error', message: problem }
        : {
            type: 'error',
            event_id: newId('event'),
            error: { ...apiError(problem, code).error, event_id: null },
          }
    void this.send(event)
  }

  private handle(frame: RealtimeFrame, bytes: Buffer, isBinary: boolean): void {
    if (isBinary) return this.reject(frame, 'binary frames are not supported; send JSON text frames')
    let json: unknown
    try {
      json = JSON.parse(bytes.toString('utf8'))
    } catch {
      return this.reject(frame, 'invalid JSON in realtime frame', 'invalid_json')
    }
    frame.body = json
    if (!isRecord(json) || typeof json.type !== 'string')
      return this.reject(frame, "frame needs a string 'type'")
    frame.type = json.type
    if (!this.configured) return this.configure(frame, json)
    if (this.dialect === 'gen0') return this.gen0(frame, json)
    return this.ga(frame, json)
  }

  private configure(frame: RealtimeFrame, f: Record<string, any>): void {
    const expected = this.dialect === 'gen0' ? 'session.create' : 'session.update'
    const checked =
      f.type !== expected ? null : this.dialect === 'gen0' ? checkGen0Session(f) : checkV2Session(f)
    if (!checked || !checked.ok) {
      this.reject(frame, checked ? checked.problem : `the first message must be ${expected}, got '${f.type}'`)
      this.rec.ws.close(1008, 'session configuration expected')
      return
    }
    this.configured = true
    if (this.dialect === 'v2') this.v2 = checked.value as V2Session
    const id = this.rec.info.sessionId
    void this.send({
      type: 'session.created',
      event_id: newId('event'),
      session: { id, object: 'realtime.session' },
    })
    if (this.dialect === 'v2') void this.send({ type: 'session.updated', session: { id, ...f.session } })
    for (const e of this.script.afterSession ?? []) void this.send(e)
  }

  private gen0(frame: RealtimeFrame, f: Record<string, any>): void {
    switch (f.type) {
      case 'session.update': {
        const c = checkGen0Session(f)
        if (!c.ok) return this.reject(frame, c.problem)
        void this.send({ type: 'session.updated', session: { backend_prompt: c.value.prompt } })
        return
      }
      case 'response.input_audio.delta': {
        const c = checkGen0Audio(f)
        return c.ok ? this.audio(frame, c.value) : this.reject(frame, c.problem)
      }
      case 'conversation.item.create': {
        const c = checkTextItem(f, 'text')
        if (!c.ok) return this.reject(frame, c.problem)
        this.userText(c.value, 'text')
        return this.respond()
      }
      default:
        return this.reject(frame, `unsupported realtime message type '${f.type}'`)
    }
  }

  private ga(frame: RealtimeFrame, f: Record<string, any>): void {
    switch (f.type) {
      case 'session.update': {
        const c = checkV2Session(f, this.v2)
        if (!c.ok) return this.reject(frame, c.problem)
        this.v2 = c.value
        void this.send({ type: 'session.updated', session: { id: this.rec.info.sessionId, ...f.session } })
        return
      }
      case 'input_audio_buffer.append': {
        const c = checkAudio(f.audio, 'audio')
        return c.ok ? this.audio(frame, c.value) : this.reject(frame, c.problem)
      }
      case 'input_audio_buffer.commit':
        if (this.turnBytes < (RATE * 2) / 10) {
          return this.reject(
            frame,
            'buffer too small: expected at least 100ms of audio',
            'input_audio_buffer_commit_empty',
          )
        }
        return this.endUserTurn(false)
      case 'input_audio_buffer.clear':
        this.turnBytes = 0
        this.speaking = false
        void this.send({ type: 'input_audio_buffer.cleared' })
        return
      case 'conversation.item.create': {
        const c = checkTextItem(f, 'input_text')
        return c.ok ? this.userText(c.value, 'input_text') : this.reject(frame, c.problem)
      }
      case 'response.create':
        if (this.active)
          return this.reject(
            frame,
            'Conversation already has an active response',
            'conversation_already_has_active_response',
          )
        return this.respond()
      case 'response.cancel':
        if (!this.active)
          return this.reject(
            frame,
            'Cancellation failed: no active response found',
            'response_cancel_not_active',
          )
        this.active.cancelled = true
        this.active.wake?.()
        return
      case 'conversation.item.truncate':
        return this.truncate(frame, f)
      default:
        return this.reject(
          frame,
          `Invalid value: '${f.type}'. Supported values are the realtime client events.`,
          'invalid_value',
        )
    }
  }

  private truncate(frame: RealtimeFrame, f: Record<string, any>): void {
    const sent = typeof f.item_id === 'string' ? this.assistantAudio.get(f.item_id) : undefined
    if (sent === undefined)
      return this.reject(
        frame,
        `Item with item_id '${f.item_id}' not found or has no audio`,
        'item_not_found',
      )
    if (f.content_index !== 0) return this.reject(frame, 'content_index must be 0')
    const ms = f.audio_end_ms
    if (!Number.isInteger(ms) || ms < 0)
      return this.reject(frame, 'audio_end_ms must be a non-negative integer')
    if (ms > Math.ceil((sent * 1000) / RATE))
      return this.reject(frame, `audio_end_ms ${ms} is past the item's audio`)
    void this.send({
      type: 'conversation.item.truncated',
      item_id: f.item_id,
      content_index: 0,
      audio_end_ms: ms,
    })
  }

  private userText(text: string, partType: string): void {
    const id = newId('item')
    this.lastItemId = id
    void this.send({
      type: 'conversation.item.added',
      item: { id, type: 'message', role: 'user', content: [{ type: partType, text }] },
    })
  }

  /** Record valid audio and run the emulated VAD on it. */
  private audio(frame: RealtimeFrame, pcm: Buffer): void {
    frame.audioBytes = pcm.byteLength
    this.rec.audio.push(pcm)
    this.turnBytes += pcm.byteLength
    const ms = (pcm.byteLength / 2 / RATE) * 1000
    const startMs = this.inputMs
    this.inputMs += ms
    const vad = this.dialect === 'gen0' || this.v2?.vad === true
    if (!vad) return
    const voiced = rms(bytesToPcm16(pcm)) > VOICE_RMS
    if (!this.speaking) {
      if (!voiced) return
      this.speaking = true
      this.silenceMs = 0
      this.userItem = newId('item')
      if (this.active && (this.dialect === 'gen0' || this.v2?.interruptResponse)) {
        this.active.cancelled = true
        this.active.wake?.()
      }
      void this.send({
        type: 'input_audio_buffer.speech_started',
        audio_start_ms: Math.round(startMs),
        item_id: this.userItem,
      })
      return
    }
    this.silenceMs = voiced ? 0 : this.silenceMs + ms
    if (this.silenceMs >= (this.script.vadSilenceMs ?? 300)) {
      void this.send({
        type: 'input_audio_buffer.speech_stopped',
        audio_end_ms: Math.round(this.inputMs),
        item_id: this.userItem,
      })
      this.endUserTurn(true)
    }
  }

  /** Commit the buffered audio as a user item, transcribe it, and answer (VAD: if create_response). */
  private endUserTurn(byVad: boolean): void {
    const itemId = this.userItem ?? newId('item')
    const heardMs = Math.round((this.turnBytes / 2 / RATE) * 1000)
    this.speaking = false
    this.userItem = undefined
    this.turnBytes = 0
    const previous = this.lastItemId ?? null
    this.lastItemId = itemId
    void this.send({ type: 'input_audio_buffer.committed', item_id: itemId, previous_item_id: previous })
    void this.send({
      type: 'conversation.item.added',
      previous_item_id: previous,
      item: {
        id: itemId,
        type: 'message',
        role: 'user',
        content: [{ type: 'input_audio', transcript: null }],
      },
    })
    if (this.dialect === 'gen0' || this.v2?.transcription) {
      const transcript = this.inputTranscripts.shift() ?? `heard ${heardMs} ms of audio`
      const ids = { item_id: itemId, content_index: 0 }
      void this.send({ type: 'conversation.item.input_audio_transcription.delta', ...ids, delta: transcript })
      void this.send({ type: 'conversation.item.input_audio_transcription.completed', ...ids, transcript })
    }
    // A manual commit (push-to-talk) is answered on the client's response.create instead.
    if (byVad && (this.dialect === 'gen0' || this.v2?.createResponse)) this.respond()
  }

  private respond(): void {
    if (this.active) return
    void streamAnswer(this, this.answers.shift() ?? {}).catch((e: unknown) => {
      console.error(`emulator realtime answer: ${(e as Error).message}`)
      this.rec.ws.terminate()
    })
  }
}
