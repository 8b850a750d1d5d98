// Dictation in the page: microphone → capture worklet (24 kHz PCM16 frames) → `dictation_audio`
// ops; Stop sends `dictation_stop` and the engine's transcript comes back as `dictation_delta` /
// `dictation_done`. The text goes to the composer, never sent by itself.
import type { AssistantBridge } from '@shared/bridge'
import type { DictationVia } from '@shared/speech'
import captureUrl from '../audio/capture.worklet.ts?worker&url'
import { micErrorMessage } from './mic-errors'
import { tr } from '../i18n/intl'

export type DictationStatus = 'idle' | 'starting' | 'recording' | 'transcribing'

export interface DictationState {
  status: DictationStatus
  level: number
  /** The transcript so far (streamed deltas), shown while transcribing. */
  partial: string
  error: string | null
}

export const idleDictation: DictationState = { status: 'idle', level: 0, partial: '', error: null }

/** Time from Stop (end of speech) to the text being handed to the composer, for `npm run bench`. */
export interface DictationTiming {
  stopToTextMs: number
  serviceMs: number
}

export class Dictation {
  private state: DictationState = idleDictation
  private ctx: AudioContext | null = null
  private stream: MediaStream | null = null
  private capture: AudioWorkletNode | null = null
  private id: string | null = null
  private off: (() => void) | null = null
  private stoppedAt = 0
  private run = 0
  readonly timings: DictationTiming[] = []

  constructor(
    private readonly bridge: AssistantBridge,
    private readonly onState: (s: DictationState) => void,
    private readonly onText: (text: string) => void,
  ) {}

  get current(): DictationState {
    return this.state
  }

  private set(patch: Partial<DictationState>): void {
    this.state = { ...this.state, ...patch }
    this.onState(this.state)
  }

  toggle(model: string, via: DictationVia = 'transcriptions'): void {
    if (this.state.status === 'idle') void this.start(model, via)
    else if (this.state.status === 'recording') void this.stop()
    else if (this.state.status === 'starting') this.cancel()
  }

  async start(model: string, via: DictationVia = 'transcriptions'): Promise<void> {
    if (this.state.status !== 'idle') return
    const run = ++this.run
    const id = crypto.randomUUID()
    this.id = id
    this.set({ ...idleDictation, status: 'starting' })
    let stream: MediaStream
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      })
    } catch (e) {
      if (run === this.run) this.release(micErrorMessage(e, 'dictation'))
      return
    }
    if (run !== this.run) return stream.getTracks().forEach((t) => t.stop())
    this.stream = stream
    this.off ??= this.bridge.onEvent((e) => {
      if (!('dictationId' in e) || e.dictationId !== this.id) return
      if (e.type === 'dictation_delta') this.set({ partial: this.state.partial + e.delta })
      else if (e.type === 'dictation_done') {
        this.timings.push({ stopToTextMs: performance.now() - this.stoppedAt, serviceMs: e.serviceMs })
        if (e.text) this.onText(e.text)
        this.release(e.text ? null : tr('dictation.nothingHeard'))
      } else if (e.type === 'dictation_error') this.release(e.message)
    })
    try {
      await this.bridge.submit({ type: 'dictation_start', dictationId: id, model, via })
      const ctx = (this.ctx = new AudioContext({ latencyHint: 'interactive' }))
      await ctx.audioWorklet.addModule(captureUrl)
      if (run !== this.run) return
      const node = new AudioWorkletNode(ctx, 'pcm16-capture', {
        numberOfOutputs: 0,
        processorOptions: { targetRate: 24000, frameSamples: 480 },
      })
      node.port.onmessage = (e: MessageEvent<{ pcm: ArrayBuffer; rms: number }>) => {
        if (this.state.status !== 'recording') return
        this.set({ level: e.data.rms })
        void this.bridge
          .submit({ type: 'dictation_audio', dictationId: id, frame: new Uint8Array(e.data.pcm) })
          .catch(() => undefined)
      }
      this.capture = node
      ctx.createMediaStreamSource(stream).connect(node)
      if (ctx.state === 'suspended') await ctx.resume()
      if (run === this.run) this.set({ status: 'recording' })
    } catch (e) {
      if (run === this.run) this.release(tr('dictation.couldNotStart', { why: (e as Error).message }))
    }
  }

  /** End of speech: the microphone is released now, the transcript follows. */
  async stop(): Promise<void> {
    if (this.state.status !== 'recording' || !this.id) return
    this.stoppedAt = performance.now()
    this.stopMic()
    this.set({ status: 'transcribing', level: 0 })
    await this.bridge
      .submit({ type: 'dictation_stop', dictationId: this.id })
      .catch((e: Error) => this.release(e.message))
  }

  cancel(): void {
    const id = this.id
    this.release(null)
    if (id) void this.bridge.submit({ type: 'dictation_cancel', dictationId: id }).catch(() => undefined)
  }

  dispose(): void {
    this.cancel()
    this.off?.()
    this.off = null
  }

  private stopMic(): void {
    this.capture?.port.postMessage({ type: 'stop' })
    if (this.capture) this.capture.port.onmessage = null
    this.stream?.getTracks().forEach((t) => t.stop())
    void this.ctx?.close()
    this.ctx = this.stream = this.capture = null
  }

  private release(error: string | null): void {
    this.run++
    this.stopMic()
    this.id = null
    this.set({ status: 'idle', level: 0, partial: '', error })
  }
}
