// Assistant audio playback on the audio thread: a ring buffer of 24 kHz samples, linear
// interpolation to the context rate, and an exact count of samples played per item, so barge-in
// can tell the server how much was actually heard. `clear` stops within the current render
// quantum (128 frames) and answers with what was played.

interface PushMessage {
  type: 'push'
  itemId: string
  pcm: ArrayBuffer
  /** Rate of `pcm`; written into the 24 kHz ring resampled when it differs. */
  sampleRate?: number
}
type Message = PushMessage | { type: 'clear' } | { type: 'stop' }

const CAPACITY = 24000 * 120 // two minutes of audio

class Pcm16Player extends AudioWorkletProcessor {
  private readonly ring = new Float32Array(CAPACITY)
  private readonly items: { id: string; end: number }[] = []
  private write = 0
  /** Read position in 24 kHz samples (fractional). */
  private read = 0
  private readonly step = 24000 / sampleRate
  private playedInItem = 0
  private totalPlayed = 0
  private itemId = ''
  private lastReport = 0
  private running = true
  private playing = false

  constructor(options?: AudioWorkletNodeOptions) {
    super(options)
    this.port.onmessage = (e: MessageEvent<Message>) => this.onMessage(e.data)
  }

  private onMessage(m: Message): void {
    if (m.type === 'push') {
      const pcm = new Int16Array(m.pcm)
      const ratio = (m.sampleRate ?? 24000) / 24000
      const count = Math.floor(pcm.length / ratio)
      for (let i = 0; i < count; i++) {
        const src = i * ratio
        const j = Math.floor(src)
        const a = pcm[j]!
        const b = pcm[Math.min(j + 1, pcm.length - 1)]!
        this.ring[(this.write + i) % CAPACITY] = (a + (b - a) * (src - j)) / 0x8000
      }
      this.write += count
      const last = this.items[this.items.length - 1]
      if (last && last.id === m.itemId) last.end = this.write
      else this.items.push({ id: m.itemId, end: this.write })
    } else if (m.type === 'clear') {
      // `interrupted`: audio was still playing or queued, so the server's item was cut short.
      const played = {
        itemId: this.itemId,
        playedSamples: this.playedInItem,
        interrupted: this.read + 1 < this.write,
      }
      this.read = this.write
      this.items.length = 0
      this.port.postMessage({ type: 'cleared', ...played, at: currentTime })
    } else this.running = false
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const out = outputs[0]
    if (!out || out.length === 0) return this.running
    const n = out[0]!.length
    const wasPlaying = this.playing
    this.playing = this.read + 1 < this.write
    if (wasPlaying && !this.playing) this.port.postMessage({ type: 'idle', at: currentTime })
    for (let f = 0; f < n; f++) {
      let v = 0
      if (this.read + 1 < this.write) {
        const i = Math.floor(this.read)
        const frac = this.read - i
        const a = this.ring[i % CAPACITY]!
        const b = this.ring[(i + 1) % CAPACITY]!
        v = a + (b - a) * frac
        const before = Math.floor(this.read)
        this.read += this.step
        this.advanceItems(Math.floor(this.read) - before)
      }
      for (let c = 0; c < out.length; c++) out[c]![f] = v
    }
    if (currentTime - this.lastReport >= 0.05) {
      this.lastReport = currentTime
      this.port.postMessage({
        type: 'played',
        itemId: this.itemId,
        playedSamples: this.playedInItem,
        totalPlayed: this.totalPlayed,
        buffered: this.write - this.read,
      })
    }
    return this.running
  }

  /** Count whole 24 kHz samples consumed against the item they belong to. */
  private advanceItems(consumed: number): void {
    for (let k = 0; k < consumed; k++) {
      const pos = Math.floor(this.read) - consumed + k
      while (this.items.length > 0 && pos >= this.items[0]!.end) this.items.shift()
      const current = this.items[0]
      if (!current) return
      if (current.id !== this.itemId) {
        this.itemId = current.id
        this.playedInItem = 0
        // The first sample of this item reaches the output in this render quantum.
        this.port.postMessage({ type: 'started', itemId: current.id, at: currentTime })
      }
      this.playedInItem++
      this.totalPlayed++
    }
  }
}

registerProcessor('pcm16-player', Pcm16Player)
