// A voice conversation in the page: microphone → capture worklet → `realtime_audio` ops (bytes,
// never base64) and `realtime_audio_out` events → playback worklet. Barge-in: when the server
// hears the user start speaking, playback is cleared within one render quantum and the engine is
// told how much of the assistant's item was actually played (`realtime_truncate`).
// Push-to-talk: the in-window button and Space (`pttPress`/`pttRelease`, on a live session) and
// the global hotkey (`hold`), which may also start the session, keeping its press until it is live.
import type { AssistantBridge } from '@shared/bridge'
import type { BridgeEvent } from '@shared/bridge/contract'
import type { RealtimeMode } from '@shared/realtime'
import captureUrl from '../audio/capture.worklet.ts?worker&url'
import playbackUrl from '../audio/playback.worklet.ts?worker&url'
import { micErrorMessage } from './mic-errors'
import { applyTranscript, type TranscriptLine } from './transcripts'
import { beginVoiceStats, voiceStatsChanged, type VoiceSessionStats } from './voice-stats'
import { tr } from '../i18n/intl'

export type VoiceStatus = 'idle' | 'starting' | 'live' | 'error'

/** Fewer frames than this (100 ms) is a tap, not a turn: the server refuses to commit it. */
const MIN_TURN_FRAMES = 5

export interface VoiceState {
  status: VoiceStatus
  mode: RealtimeMode
  conversationId: string | null
  /** Microphone level 0..1 of the last frame. */
  level: number
  /** Push-to-talk held on a live session: the microphone is being sent. */
  talking: boolean
  /** The push-to-talk hotkey is held while the session starts: talking begins once it is live. */
  pendingTalk: boolean
  /** What pressed: the window (button, Space) or the global hotkey, which may be press-to-send. */
  talkingVia: 'window' | 'hotkey'
  speaking: boolean
  transcripts: TranscriptLine[]
  error: string | null
  /** Counters the tests and the bench read. */
  stats: { framesSent: number; samplesPlayed: number; bargeIns: number }
}

export const initialVoiceState: VoiceState = {
  status: 'idle',
  mode: 'vad',
  conversationId: null,
  level: 0,
  talking: false,
  pendingTalk: false,
  talkingVia: 'window',
  speaking: false,
  transcripts: [],
  error: null,
  stats: { framesSent: 0, samplesPlayed: 0, bargeIns: 0 },
}

/** Per-frame timing, for the capture-to-socket and first-audio-to-playback measurements. */
export interface VoiceTimings {
  captureEpochMs: number[]
  firstAudio: { itemId: string; receivedEpochMs: number; playingEpochMs: number | null }[]
}

export class VoiceSession {
  private state: VoiceState = initialVoiceState
  private ctx: AudioContext | null = null
  private stream: MediaStream | null = null
  private capture: AudioWorkletNode | null = null
  private player: AudioWorkletNode | null = null
  private offEvents: (() => void) | null = null
  private itemsSeen = new Set<string>()
  /** The assistant item whose audio is still arriving (the server has not said it is done). */
  private activeAudioItem: string | null = null
  /**
   * Per `clear` sent to the player, in order: whether an answer was still arriving at that moment.
   * Decided when the user barges in, because the answer's `response.done` can overtake the
   * player's `cleared` reply (the server cancels it on the same speech).
   */
  private clearsInFlight: boolean[] = []
  /**
   * Bumped by every start and teardown: a start still awaiting the microphone, the worklets or
   * the host after a stop (the voice hotkey toggled again, the window closed) gives up instead of
   * resurrecting the session it belonged to.
   */
  private run = 0
  /** Frames sent since the push-to-talk press. */
  private turnFrames = 0
  readonly timings: VoiceTimings = { captureEpochMs: [], firstAudio: [] }
  /** This session's counters in the Diagnostics panel. */
  private stats: VoiceSessionStats | null = null

  constructor(
    private readonly bridge: AssistantBridge,
    private readonly onState: (s: VoiceState) => void,
  ) {}

  get current(): VoiceState {
    return this.state
  }

  private set(patch: Partial<VoiceState>): void {
    this.state = { ...this.state, ...patch }
    this.onState(this.state)
  }

  async start(opts: { mode: RealtimeMode; prompt: string; conversationId?: string }): Promise<void> {
    if (this.state.status === 'live' || this.state.status === 'starting') return
    const run = ++this.run
    // Our own id from the start, so errors of a start that fails can be told from others', and a
    // stop while starting can close it.
    const conversationId = opts.conversationId ?? crypto.randomUUID()
    this.set({ ...initialVoiceState, status: 'starting', mode: opts.mode, conversationId })
    this.stats = beginVoiceStats(conversationId)
    let stream: MediaStream
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      })
    } catch (e) {
      if (run === this.run) this.teardown('error', micErrorMessage(e))
      return
    }
    if (run !== this.run) return stream.getTracks().forEach((t) => t.stop())
    this.stream = stream
    const ctx = (this.ctx = new AudioContext({ latencyHint: 'interactive' }))
    try {
      await Promise.all([ctx.audioWorklet.addModule(captureUrl), ctx.audioWorklet.addModule(playbackUrl)])
      if (run !== this.run) return
      this.player = new AudioWorkletNode(ctx, 'pcm16-player', { numberOfInputs: 0, outputChannelCount: [1] })
      this.player.connect(ctx.destination)
      this.player.port.onmessage = (e) => this.onPlayer(e.data)
      this.offEvents = this.bridge.onEvent((e) => this.onEvent(e))
      await this.bridge.submit({
        type: 'realtime_start',
        prompt: opts.prompt,
        mode: opts.mode,
        conversationId,
      })
      if (run !== this.run) return
      const source = ctx.createMediaStreamSource(stream)
      this.capture = new AudioWorkletNode(ctx, 'pcm16-capture', {
        numberOfOutputs: 0,
        processorOptions: { targetRate: 24000, frameSamples: 480 },
      })
      this.capture.port.onmessage = (e) => this.onFrame(e.data)
      source.connect(this.capture)
      if (ctx.state === 'suspended') await ctx.resume()
    } catch (e) {
      if (run === this.run) this.teardown('error', tr('voice.couldNotStart', { why: (e as Error).message }))
    }
  }

  /** Push-to-talk press (button, Space, or the hotkey): clears what the server buffered, then talks. */
  pttPress(via: VoiceState['talkingVia'] = 'window'): void {
    if (this.state.status !== 'live' || this.state.mode !== 'ptt') return
    this.bargeIn()
    this.turnFrames = 0
    this.set({ talking: true, pendingTalk: false, talkingVia: via })
    void this.bridge.submit({ type: 'realtime_clear' }).catch(() => undefined)
  }

  /**
   * Push-to-talk release: commits the turn, which asks for the answer. Only the press that owns
   * the turn ends it (the last one): the mouse leaving the button must not send a hotkey's turn.
   */
  pttRelease(via: VoiceState['talkingVia'] = 'window'): void {
    if (!this.state.talking || this.state.talkingVia !== via) return
    this.set({ talking: false })
    // A tap is not a turn: committing under 100 ms is refused by the server, so drop it instead.
    const op = this.turnFrames < MIN_TURN_FRAMES ? 'realtime_clear' : 'realtime_commit'
    void this.bridge.submit({ type: op }).catch(() => undefined)
  }

  /**
   * The global push-to-talk hotkey (`push_to_talk` events; fallback hosts alternate down/up on each
   * press). Down with no session starts one in push-to-talk mode and talks as soon as it is live,
   * if the key is still held; down on a live push-to-talk session presses. Up releases, or cancels
   * a press still waiting for the session (nothing was captured, so nothing is committed). The
   * session stays live after a release so the answer plays. A hands-free session ignores the key:
   * its turns belong to the server's voice detection, and speaking already interrupts.
   */
  hold(down: boolean, opts: { prompt: string }): void {
    const s = this.state
    if (!down) {
      if (s.pendingTalk) this.set({ pendingTalk: false })
      else this.pttRelease('hotkey')
      return
    }
    if (s.status === 'idle' || s.status === 'error') {
      void this.start({ mode: 'ptt', prompt: opts.prompt })
      this.set({ pendingTalk: true })
    } else if (s.status === 'starting') {
      if (s.mode === 'ptt') this.set({ pendingTalk: true })
    } else if (s.mode === 'ptt') this.pttPress('hotkey')
  }

  /**
   * The push-to-talk hotkey where the desktop cannot report its release: a press while the
   * hotkey talks (or waits to) sends; any other press starts talking. Decided here, from what
   * the session is doing, so a start that failed cannot leave the presses out of step.
   */
  press(opts: { prompt: string }): void {
    const s = this.state
    const talkingByKey = s.pendingTalk || (s.talking && s.talkingVia === 'hotkey')
    this.hold(!talkingByKey, opts)
  }

  /** Ends the session at once (the microphone is released now); the host closes it behind us. */
  async stop(): Promise<void> {
    if (this.state.status === 'idle') return
    const id = this.state.status === 'error' ? null : this.state.conversationId
    if (this.stats && !this.stats.ended) this.stats.ended = 'requested'
    voiceStatsChanged()
    this.teardown('idle')
    // Harmless when the host never got the start (the microphone was still being asked for).
    if (id) await this.bridge.submit({ type: 'realtime_close' }).catch(() => undefined)
  }

  private teardown(status: VoiceStatus, error: string | null = null): void {
    this.run++
    // Replies still in flight from the audio thread belong to the session that ended.
    for (const node of [this.capture, this.player]) {
      if (!node) continue
      node.port.onmessage = null
      node.port.postMessage({ type: 'stop' })
    }
    this.stream?.getTracks().forEach((t) => t.stop())
    void this.ctx?.close()
    this.offEvents?.()
    this.ctx = this.stream = this.capture = this.player = null
    this.offEvents = null
    this.activeAudioItem = null
    this.clearsInFlight = []
    this.set({ status, error, level: 0, talking: false, pendingTalk: false, speaking: false })
  }

  private onFrame(m: { type: 'frame'; pcm: ArrayBuffer; rms: number; capturedAt: number }): void {
    if (this.state.status !== 'live') return
    if (this.state.mode === 'ptt' && !this.state.talking) {
      this.set({ level: m.rms })
      return
    }
    const capturedAt = this.capturedToEpoch(m.capturedAt)
    this.timings.captureEpochMs.push(capturedAt)
    if (this.stats) {
      this.stats.framesSent++
      if (this.stats.framesSent % 10 === 1)
        this.stats.captureMs.push(performance.timeOrigin + performance.now() - capturedAt)
      voiceStatsChanged()
    }
    void this.bridge.submit({ type: 'realtime_audio', frame: new Uint8Array(m.pcm) }).catch(() => undefined)
    this.turnFrames++
    const stats = { ...this.state.stats, framesSent: this.state.stats.framesSent + 1 }
    this.set({ level: m.rms, stats })
  }

  private onPlayer(m: {
    type: string
    interrupted?: boolean
    itemId?: string
    playedSamples?: number
    totalPlayed?: number
    at?: number
  }): void {
    if (m.type === 'started' && m.itemId !== undefined && m.at !== undefined) {
      const entry = this.timings.firstAudio.find((f) => f.itemId === m.itemId && f.playingEpochMs === null)
      if (entry) entry.playingEpochMs = this.contextToEpoch(m.at)
      if (entry && this.stats) this.stats.firstAudioMs.push(entry.playingEpochMs! - entry.receivedEpochMs)
      this.set({ speaking: true })
    } else if (m.type === 'played' && m.totalPlayed !== undefined) {
      if (m.totalPlayed !== this.state.stats.samplesPlayed) {
        this.set({ stats: { ...this.state.stats, samplesPlayed: m.totalPlayed } })
        if (this.stats) this.stats.samplesPlayed = m.totalPlayed
        voiceStatsChanged()
      }
    } else if (m.type === 'cleared' && (this.clearsInFlight.shift() || m.interrupted)) {
      // Paced audio can leave the buffer momentarily empty; an answer still arriving counts too.
      const stats = { ...this.state.stats, bargeIns: this.state.stats.bargeIns + 1 }
      this.set({ speaking: false, stats })
      if (this.stats) this.stats.interruptions++
      voiceStatsChanged()
      // Nothing of a queued item may have played yet: then the engine's last item is the one cut.
      void this.bridge.submit({
        type: 'realtime_truncate',
        ...(m.itemId ? { itemId: m.itemId } : {}),
        playedSamples: m.itemId ? (m.playedSamples ?? 0) : 0,
      })
    } else if (m.type === 'idle') {
      this.set({ speaking: false })
    }
  }

  /**
   * The user started speaking: stop playback at once. Asked of the player itself, not of our
   * `speaking` flag, which lags the audio thread when the page is busy.
   */
  private bargeIn(): void {
    if (!this.player) return
    this.clearsInFlight.push(this.activeAudioItem !== null)
    this.player.port.postMessage({ type: 'clear' })
  }

  private onEvent(e: BridgeEvent): void {
    switch (e.type) {
      case 'realtime_started':
        if (e.conversationId !== this.state.conversationId || this.state.status !== 'starting') return
        // The engine's mode wins (the codex backend is always hands-free).
        this.set({ status: 'live', mode: e.mode })
        // The push-to-talk hotkey went down while starting and is still held: talk now.
        if (this.state.pendingTalk) {
          this.set({ pendingTalk: false })
          this.pttPress('hotkey')
        }
        return
      case 'realtime_audio_out': {
        if (e.conversationId !== this.state.conversationId || !this.player) return
        const itemId = e.itemId ?? e.responseId ?? 'assistant'
        this.activeAudioItem = itemId
        if (!this.itemsSeen.has(itemId)) {
          this.itemsSeen.add(itemId)
          this.timings.firstAudio.push({
            itemId,
            receivedEpochMs: performance.timeOrigin + performance.now(),
            playingEpochMs: null,
          })
        }
        // Copy into a buffer of its own: the event's bytes may be a view into a larger message.
        const pcm = e.pcm.slice().buffer
        this.player.port.postMessage({ type: 'push', itemId, pcm, sampleRate: e.sampleRate }, [pcm])
        return
      }
      case 'realtime_event':
        if (e.conversationId !== this.state.conversationId) return
        if (e.payload.kind === 'speech_started') this.bargeIn()
        else if (/^(output_audio_done|response_done|response_cancelled)$/.test(e.payload.kind))
          this.activeAudioItem = null
        this.set({ transcripts: applyTranscript(this.state.transcripts, e.payload) })
        return
      case 'realtime_closed':
        if (e.conversationId !== this.state.conversationId) return
        if (this.stats) this.stats.ended = e.reason
        voiceStatsChanged()
        this.teardown(
          e.reason === 'error' ? 'error' : 'idle',
          e.reason === 'requested' ? null : (e.message ?? tr('voice.closed')),
        )
        return
      case 'error':
        if (e.conversationId !== this.state.conversationId) return
        // A start that failed (no connection, refused) never becomes live: end it, so Start voice
        // and the hotkeys can try again.
        if (e.fatal && this.state.status === 'starting') this.teardown('error', e.message)
        else this.set({ error: e.message })
        return
      default:
        return
    }
  }

  /**
   * When a capture block was processed, in epoch ms: now, minus how far the context clock has
   * moved on since (the output-timestamp mapping below would add the output latency).
   */
  private capturedToEpoch(contextTime: number): number {
    const behind = this.ctx ? Math.max(0, this.ctx.currentTime - contextTime) : 0
    return performance.timeOrigin + performance.now() - behind * 1000
  }

  /** AudioContext time → epoch ms when it is heard, through the context's output timestamp mapping. */
  private contextToEpoch(contextTime: number): number {
    const ctx = this.ctx
    if (!ctx) return performance.timeOrigin + performance.now()
    const ts = ctx.getOutputTimestamp()
    const perf =
      (ts.performanceTime ?? performance.now()) + (contextTime - (ts.contextTime ?? ctx.currentTime)) * 1000
    return performance.timeOrigin + perf
  }
}
