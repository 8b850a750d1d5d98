// Microphone capture on the audio thread: the device rate resampled to 24 kHz mono PCM16, posted
// in ~20 ms frames with their level and capture time. Bundled as its own chunk (`?worker&url`).
import { Pcm16Framer } from './framer'

interface CaptureOptions {
  targetRate?: number
  frameSamples?: number
}

class Pcm16Capture extends AudioWorkletProcessor {
  private readonly framer: Pcm16Framer
  private running = true

  constructor(options?: AudioWorkletNodeOptions) {
    super(options)
    const o = (options?.processorOptions ?? {}) as CaptureOptions
    this.framer = new Pcm16Framer(sampleRate, o.targetRate ?? 24000, o.frameSamples ?? 480, (f) => {
      // `currentTime` is the context time of this block: the frame's last sample was just captured.
      this.port.postMessage({ type: 'frame', pcm: f.pcm.buffer, rms: f.rms, capturedAt: currentTime }, [
        f.pcm.buffer,
      ])
    })
    this.port.onmessage = (e: MessageEvent<{ type: string }>) => {
      if (e.data.type === 'stop') this.running = false
    }
  }

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0]
    if (channels && channels.length > 0) this.framer.push(channels)
    return this.running
  }
}

registerProcessor('pcm16-capture', Pcm16Capture)
