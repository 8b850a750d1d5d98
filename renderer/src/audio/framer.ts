// Device audio → 24 kHz mono PCM16 frames. Pure (no Web Audio), so it runs in the capture
// worklet and in Node tests alike.

export interface Frame {
  pcm: Int16Array
  /** Root mean square of the frame, 0..1. */
  rms: number
}

export class Pcm16Framer {
  private readonly ratio: number
  private frame: Int16Array
  private filled = 0
  private sumSquares = 0
  /** Upsampling: next output position in input samples, relative to the current block (≥ -1). */
  private pos = 0
  private prev = 0
  /** Downsampling: running box average and the fractional phase within the output sample. */
  private acc = 0
  private accCount = 0
  private phase = 0

  constructor(
    inputRate: number,
    private readonly outputRate: number,
    private readonly frameSamples: number,
    private readonly onFrame: (f: Frame) => void,
  ) {
    this.ratio = inputRate / outputRate
    this.frame = new Int16Array(frameSamples)
  }

  /** One block of planar input (one array per channel, equal lengths). */
  push(channels: readonly Float32Array[]): void {
    if (channels.length === 0 || channels[0]!.length === 0) return
    if (this.ratio >= 1) this.downsample(channels)
    else this.upsample(channels)
  }

  /**
   * Input above the output rate (the usual case: 44.1 or 48 kHz): average the input samples that
   * fall in each output sample's span. The box average is a cheap low-pass, so high frequencies do
   * not alias into speech; a fractional phase carries the remainder (44.1/24 = 1.8375).
   */
  private downsample(channels: readonly Float32Array[]): void {
    const n = channels[0]!.length
    for (let i = 0; i < n; i++) {
      this.acc += mono(channels, i)
      this.accCount++
      this.phase += 1
      if (this.phase >= this.ratio) {
        this.phase -= this.ratio
        this.emit(this.acc / this.accCount)
        this.acc = 0
        this.accCount = 0
      }
    }
  }

  /** Input below the output rate: linear interpolation, `prev` bridging block boundaries. */
  private upsample(channels: readonly Float32Array[]): void {
    const n = channels[0]!.length
    let pos = this.pos
    while (pos < n - 1) {
      const i = Math.floor(pos)
      const frac = pos - i
      const a = i < 0 ? this.prev : mono(channels, i)
      const b = mono(channels, i + 1)
      this.emit(a + (b - a) * frac)
      pos += this.ratio
    }
    this.pos = pos - n
    this.prev = mono(channels, n - 1)
  }

  private emit(sample: number): void {
    const v = Math.max(-1, Math.min(1, sample))
    this.sumSquares += v * v
    this.frame[this.filled++] = v < 0 ? Math.round(v * 0x8000) : Math.round(v * 0x7fff)
    if (this.filled === this.frameSamples) {
      const pcm = this.frame
      this.frame = new Int16Array(this.frameSamples)
      this.onFrame({ pcm, rms: Math.sqrt(this.sumSquares / this.frameSamples) })
      this.filled = 0
      this.sumSquares = 0
    }
  }
}

function mono(channels: readonly Float32Array[], i: number): number {
  if (channels.length === 1) return channels[0]![i]!
  let s = 0
  for (let c = 0; c < channels.length; c++) s += channels[c]![i]!
  return s / channels.length
}
