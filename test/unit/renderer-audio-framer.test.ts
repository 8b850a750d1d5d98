import { describe, it, expect } from 'vitest'
import { Pcm16Framer, type Frame } from '../../renderer/src/audio/framer'

function sine(rate: number, hz: number, seconds: number, amp = 0.5): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds))
  for (let i = 0; i < out.length; i++) out[i] = amp * Math.sin((2 * Math.PI * hz * i) / rate)
  return out
}

function run(rate: number, input: Float32Array[], block = 128): Frame[] {
  const frames: Frame[] = []
  const f = new Pcm16Framer(rate, 24000, 480, (x) => frames.push(x))
  for (let off = 0; off < input[0]!.length; off += block)
    f.push(input.map((c) => c.subarray(off, off + block)))
  return frames
}

/** Dominant frequency by zero crossings over the whole signal. */
function frequency(frames: Frame[], rate = 24000): number {
  const all = frames.flatMap((f) => Array.from(f.pcm))
  let crossings = 0
  for (let i = 1; i < all.length; i++) if (all[i - 1]! < 0 !== all[i]! < 0) crossings++
  return crossings / 2 / (all.length / rate)
}

describe('Pcm16Framer: device audio to 24 kHz PCM16 frames', () => {
  for (const rate of [44100, 48000, 16000, 24000]) {
    it(`keeps duration and pitch from ${rate} Hz`, () => {
      const frames = run(rate, [sine(rate, 440, 2)])
      const seconds = (frames.length * 480) / 24000
      expect(Math.abs(seconds - 2)).toBeLessThanOrEqual(0.021)
      expect(frames.every((f) => f.pcm.length === 480)).toBe(true)
      expect(Math.abs(frequency(frames) - 440)).toBeLessThan(5)
      // A 0.5 amplitude sine has RMS 0.354; the box filter barely touches 440 Hz.
      const rms = frames.reduce((a, f) => a + f.rms, 0) / frames.length
      expect(rms).toBeGreaterThan(0.33)
      expect(rms).toBeLessThan(0.36)
    })
  }

  it('mixes channels to mono and clamps', () => {
    const left = new Float32Array(4800).fill(0.8)
    const right = new Float32Array(4800).fill(1.6)
    const frames = run(24000, [left, right])
    expect(frames).toHaveLength(10)
    expect(frames[0]!.pcm[100]).toBe(0x7fff)
    const cancel = run(24000, [new Float32Array(480).fill(0.5), new Float32Array(480).fill(-0.5)])
    expect(cancel[0]!.rms).toBe(0)
  })

  it('does not depend on the block size', () => {
    const input = [sine(44100, 300, 0.5)]
    const a = run(44100, input, 128).flatMap((f) => Array.from(f.pcm))
    const b = run(44100, input, 1000).flatMap((f) => Array.from(f.pcm))
    expect(a).toEqual(b)
  })
})
