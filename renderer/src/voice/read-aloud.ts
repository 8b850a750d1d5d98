// Read aloud: one answer at a time for the whole window. `speech_start` asks the engine, whose
// `speech_audio` events (24 kHz PCM16, sentence by sentence) go to the playback worklet. Pause
// suspends the audio context (the rest stays queued); Stop tells the engine and clears the
// player. The audio of the current reading is kept in memory only, so the user can save it as a
// WAV; nothing is written anywhere unless they do.
import type { AssistantBridge } from '@shared/bridge'
import type { BridgeEvent } from '@shared/bridge/contract'
import type { CodeBlockRule } from '@shared/speech'
import playbackUrl from '../audio/playback.worklet.ts?worker&url'
import { wavBlob } from './wav-blob'
import { tr } from '../i18n/intl'

export type ReadStatus = 'idle' | 'loading' | 'playing' | 'paused'

export interface ReadAloudState {
  /** The message being read (the caller's key) and its engine id. */
  key: string | null
  status: ReadStatus
  playedSamples: number
  error: string | null
  /** All of the answer's audio has arrived (it can be saved whole). */
  complete: boolean
}

export interface ReadAloudTiming {
  /** `speech_start` to the first sample reaching the output. */
  firstAudioMs: number
  /** What the service took to answer the first request (its first byte). */
  serviceMs: number
}

const idle: ReadAloudState = { key: null, status: 'idle', playedSamples: 0, error: null, complete: false }

export class ReadAloud {
  private state: ReadAloudState = idle
  private listeners = new Set<() => void>()
  private ctx: AudioContext | null = null
  private player: AudioWorkletNode | null = null
  private speechId: string | null = null
  private audio: Uint8Array[] = []
  private off: (() => void) | null = null
  private startedAt = 0
  private serviceMs = 0
  private run = 0
  readonly timings: ReadAloudTiming[] = []

  constructor(private readonly bridge: AssistantBridge) {}

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }
  snapshot = (): ReadAloudState => this.state

  private set(patch: Partial<ReadAloudState>): void {
    this.state = { ...this.state, ...patch }
    for (const l of this.listeners) l()
  }

  async play(
    key: string,
    text: string,
    opts: { voice: string; model: string; codeBlocks: CodeBlockRule },
  ): Promise<void> {
    await this.stop()
    const run = ++this.run
    const speechId = crypto.randomUUID()
    this.speechId = speechId
    this.audio = []
    this.startedAt = performance.now()
    this.set({ ...idle, key, status: 'loading' })
    try {
      const ctx = (this.ctx = new AudioContext({ latencyHint: 'playback' }))
      await ctx.audioWorklet.addModule(playbackUrl)
      if (run !== this.run) return
      const player = new AudioWorkletNode(ctx, 'pcm16-player', { numberOfInputs: 0, outputChannelCount: [1] })
      player.connect(ctx.destination)
      player.port.onmessage = (e: MessageEvent<{ type: string; totalPlayed?: number }>) => {
        const m = e.data
        if (m.type === 'started' && this.state.status === 'loading') {
          this.timings.push({ firstAudioMs: performance.now() - this.startedAt, serviceMs: this.serviceMs })
          this.set({ status: 'playing' })
        } else if (
          m.type === 'played' &&
          m.totalPlayed !== undefined &&
          m.totalPlayed !== this.state.playedSamples
        )
          this.set({ playedSamples: m.totalPlayed })
        else if (m.type === 'idle' && this.state.complete) this.finish(null)
      }
      this.player = player
      this.off = this.bridge.onEvent((e) => this.onEvent(e))
      if (ctx.state === 'suspended') await ctx.resume()
      await this.bridge.submit({ type: 'speech_start', speechId, text, ...opts })
    } catch (e) {
      if (run === this.run) this.finish(tr('readAloud.couldNotStart', { why: (e as Error).message }))
    }
  }

  pause(): void {
    if (this.state.status !== 'playing' || !this.ctx) return
    void this.ctx.suspend()
    this.set({ status: 'paused' })
  }

  resume(): void {
    if (this.state.status !== 'paused' || !this.ctx) return
    void this.ctx.resume()
    this.set({ status: 'playing' })
  }

  async stop(): Promise<void> {
    const id = this.speechId
    if (this.state.status === 'idle' || !id) return
    this.finish(null)
    await this.bridge.submit({ type: 'speech_stop', speechId: id }).catch(() => undefined)
  }

  /** The reading's audio as a WAV, or null when nothing has arrived. */
  saveable(): Blob | null {
    return this.audio.length ? wavBlob(this.audio, 24000) : null
  }

  private onEvent(e: BridgeEvent): void {
    if (!('speechId' in e) || e.speechId !== this.speechId) return
    if (e.type === 'speech_audio' && this.player) {
      if (e.serviceFirstByteMs !== undefined) this.serviceMs = e.serviceFirstByteMs
      this.audio.push(e.pcm)
      const pcm = e.pcm.slice().buffer
      this.player.port.postMessage({ type: 'push', itemId: e.speechId, pcm, sampleRate: e.sampleRate }, [pcm])
    } else if (e.type === 'speech_done') {
      if (e.reason === 'error') this.finish(e.message ?? tr('readAloud.failed'))
      else if (e.reason === 'finished') {
        this.set({ complete: true })
        // Nothing arrived (an answer that was only code, skipped): done now.
        if (this.audio.length === 0) this.finish(null)
      }
    }
  }

  private finish(error: string | null): void {
    this.run++
    this.off?.()
    this.off = null
    if (this.player) {
      this.player.port.onmessage = null
      this.player.port.postMessage({ type: 'stop' })
    }
    void this.ctx?.close()
    this.ctx = this.player = null
    this.speechId = null
    // The key stays: the finished reading can still be saved from its message.
    this.set({ status: 'idle', error })
  }
}
