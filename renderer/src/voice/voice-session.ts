// A voice conversation in the page: microphone → capture worklet → `realtime_audio` ops (bytes,
// never base64) and `realtime_audio_out` events → playback worklet. Barge-in: when the server
// hears the user start speaking, playback is cleared within one render quantum and the engine is
// told how much of the assistant's item was actually played (`realtime_truncate`).
import type { AssistantBridge } from '@shared/bridge'
import type { BridgeEvent } from '@shared/bridge/contract'
import type { RealtimeMode } from '@shared/realtime'
import captureUrl from '../audio/capture.worklet.ts?worker&url'
import playbackUrl from '../audio/playback.worklet.ts?worker&url'
import { micErrorMessage } from './mic-errors'
import { applyTranscript, type TranscriptLine } from './transcripts'

export type VoiceStatus = 'idle' | 'starting' | 'live' | 'stopping' | 'error'

export interface VoiceState {
  status: VoiceStatus
  mode: RealtimeMode
  conversationId: string | null
  /** Microphone level 0..1 of the last frame. */
  level: number
  /** Push-to-talk key held. */
  talking: boolean
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
  readonly timings: VoiceTimings = { captureEpochMs: [], firstAudio: [] }

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
    this.set({ ...initialVoiceState, status: 'starting', mode: opts.mode })
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      })
    } catch (e) {
      this.set({ status: 'error', error: micErrorMessage(e) })
      return
    }
    const ctx = (this.ctx = new AudioContext({ latencyHint: 'interactive' }))
    await Promise.all([ctx.audioWorklet.addModule(captureUrl), ctx.audioWorklet.addModule(playbackUrl)])
    this.player = new AudioWorkletNode(ctx, 'pcm16-player', { numberOfInputs: 0, outputChannelCount: [1] })
    this.player.connect(ctx.destination)
    this.player.port.onmessage = (e) => this.onPlayer(e.data)
    this.offEvents = this.bridge.onEvent((e) => this.onEvent(e))
    await this.bridge.submit({
      type: 'realtime_start',
      prompt: opts.prompt,
      mode: opts.mode,
      ...(opts.conversationId ? { conversationId: opts.conversationId } : {}),
    })
    const source = ctx.createMediaStreamSource(this.stream)
    this.capture = new AudioWorkletNode(ctx, 'pcm16-capture', {
      numberOfOutputs: 0,
      processorOptions: { targetRate: 24000, frameSamples: 480 },
    })
    this.capture.port.onmessage = (e) => this.onFrame(e.data)
    source.connect(this.capture)
    if (ctx.state === 'suspended') await ctx.resume()
  }

  /** Push-to-talk: press clears what the server buffered, release commits the turn. */
  pttPress(): void {
    if (this.state.status !== 'live' || this.state.mode !== 'ptt') return
    this.bargeIn()
    this.set({ talking: true })
    void this.bridge.submit({ type: 'realtime_clear' })
  }

  pttRelease(): void {
    if (!this.state.talking) return
    this.set({ talking: false })
    void this.bridge.submit({ type: 'realtime_commit' })
  }

  async stop(): Promise<void> {
    if (this.state.status === 'idle') return
    this.set({ status: 'stopping' })
    if (this.state.conversationId) await this.bridge.submit({ type: 'realtime_close' }).catch(() => undefined)
    this.teardown('idle')
  }

  private teardown(status: VoiceStatus, error: string | null = null): void {
    this.capture?.port.postMessage({ type: 'stop' })
    this.player?.port.postMessage({ type: 'stop' })
    this.stream?.getTracks().forEach((t) => t.stop())
    void this.ctx?.close()
    this.offEvents?.()
    this.ctx = this.stream = this.capture = this.player = null
    this.offEvents = null
    this.set({ status, error, level: 0, talking: false, speaking: false })
  }

  private onFrame(m: { type: 'frame'; pcm: ArrayBuffer; rms: number; capturedAt: number }): void {
    if (this.state.status !== 'live') return
    if (this.state.mode === 'ptt' && !this.state.talking) {
      this.set({ level: m.rms })
      return
    }
    this.timings.captureEpochMs.push(this.capturedToEpoch(m.capturedAt))
    void this.bridge.submit({ type: 'realtime_audio', frame: new Uint8Array(m.pcm) }).catch(() => undefined)
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
      this.set({ speaking: true })
    } else if (m.type === 'played' && m.totalPlayed !== undefined) {
      if (m.totalPlayed !== this.state.stats.samplesPlayed)
        this.set({ stats: { ...this.state.stats, samplesPlayed: m.totalPlayed } })
    } else if (m.type === 'cleared' && (m.interrupted || this.activeAudioItem !== null)) {
      // Paced audio can leave the buffer momentarily empty; an answer still arriving counts too.
      const stats = { ...this.state.stats, bargeIns: this.state.stats.bargeIns + 1 }
      this.set({ speaking: false, stats })
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
    this.player?.port.postMessage({ type: 'clear' })
  }

  private onEvent(e: BridgeEvent): void {
    switch (e.type) {
      case 'realtime_started':
        this.set({ status: 'live', conversationId: e.conversationId })
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
        this.teardown(
          e.reason === 'error' ? 'error' : 'idle',
          e.reason === 'requested' ? null : (e.message ?? 'The voice connection closed.'),
        )
        return
      case 'error':
        if (
          this.state.status === 'starting' ||
          (e.conversationId && e.conversationId === this.state.conversationId)
        ) {
          this.set({ error: e.message })
        }
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
