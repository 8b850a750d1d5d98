// WAV reader/writer, resampler and PCM helpers (main/core/audio), with an espeak-ng voice converted by
// sox into other rates, channel counts and bit depths when those tools are installed (CI installs them).
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { decodeWav, encodeWavPcm16, WavError } from '../../main/core/audio/wav'
import { resample } from '../../main/core/audio/resample'
import {
  bytesToPcm16,
  dbfs,
  downmix,
  floatToPcm16,
  frames,
  pcm16ToBytes,
  rms,
  toMonoPcm16,
  tone,
} from '../../main/core/audio/pcm'

/** A WAV with an arbitrary fmt (format tag, bits), for formats the writer does not produce. */
function wav(opts: {
  format: number
  channels: number
  rate: number
  bits: number
  data: Uint8Array
  extensible?: boolean
}): Uint8Array {
  const fmtSize = opts.extensible ? 40 : 16
  const out = new Uint8Array(12 + 8 + fmtSize + 8 + opts.data.byteLength)
  const v = new DataView(out.buffer)
  const put = (at: number, s: string) => [...s].forEach((c, i) => (out[at + i] = c.charCodeAt(0)))
  put(0, 'RIFF')
  v.setUint32(4, out.byteLength - 8, true)
  put(8, 'WAVE')
  put(12, 'fmt ')
  v.setUint32(16, fmtSize, true)
  v.setUint16(20, opts.extensible ? 0xfffe : opts.format, true)
  v.setUint16(22, opts.channels, true)
  v.setUint32(24, opts.rate, true)
  v.setUint32(28, (opts.rate * opts.channels * opts.bits) / 8, true)
  v.setUint16(32, (opts.channels * opts.bits) / 8, true)
  v.setUint16(34, opts.bits, true)
  if (opts.extensible) {
    v.setUint16(36, 22, true)
    v.setUint16(44, opts.format, true) // first two bytes of the subformat GUID
  }
  put(20 + fmtSize, 'data')
  v.setUint32(24 + fmtSize, opts.data.byteLength, true)
  out.set(opts.data, 28 + fmtSize)
  return out
}

/** Dominant frequency by counting rising zero crossings. */
function frequency(x: Float32Array | Int16Array, rate: number): number {
  let n = 0
  for (let i = 1; i < x.length; i++) if (x[i - 1]! < 0 && x[i]! >= 0) n++
  return (n * rate) / x.length
}

const sine = (n: number, rate: number, hz: number, amp = 0.5) =>
  Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate))

describe('WAV', () => {
  it('round-trips PCM16 mono and stereo', () => {
    const pcm = tone(2400, { hz: 300 })
    const back = decodeWav(encodeWavPcm16(pcm, 24000))
    expect(back).toMatchObject({ sampleRate: 24000, channels: 1, bitsPerSample: 16, float: false })
    expect(floatToPcm16(back.samples)).toEqual(pcm)
    const stereo = decodeWav(encodeWavPcm16(new Int16Array([1000, -1000, 2000, -2000]), 44100, 2))
    expect(stereo.channels).toBe(2)
    expect(floatToPcm16(downmix(stereo.samples, 2))).toEqual(new Int16Array([0, 0]))
  })

  it('reads 8-bit unsigned, 24- and 32-bit PCM, float32/64 and WAVE_FORMAT_EXTENSIBLE', () => {
    const u8 = decodeWav(
      wav({ format: 1, channels: 1, rate: 8000, bits: 8, data: new Uint8Array([0, 128, 255]) }),
    )
    expect([...u8.samples]).toEqual([-1, 0, 127 / 128])
    const p24 = new Uint8Array([0x00, 0x00, 0x40, 0x00, 0x00, 0xc0]) // +0.5, -0.5
    expect([...decodeWav(wav({ format: 1, channels: 1, rate: 48000, bits: 24, data: p24 })).samples]).toEqual(
      [0.5, -0.5],
    )
    const i32 = new Uint8Array(new Int32Array([0x40000000, -0x40000000]).buffer)
    expect([
      ...decodeWav(wav({ format: 1, channels: 1, rate: 48000, bits: 32, data: i32, extensible: true }))
        .samples,
    ]).toEqual([0.5, -0.5])
    const f32 = new Uint8Array(new Float32Array([0.25, -0.75]).buffer)
    const float = decodeWav(wav({ format: 3, channels: 1, rate: 16000, bits: 32, data: f32 }))
    expect(float.float).toBe(true)
    expect([...float.samples]).toEqual([0.25, -0.75])
    const f64 = new Uint8Array(new Float64Array([0.125]).buffer)
    expect([
      ...decodeWav(wav({ format: 3, channels: 1, rate: 16000, bits: 64, data: f64, extensible: true }))
        .samples,
    ]).toEqual([0.125])
  })

  it('takes the rest of the file when a streaming writer left the data size unset', () => {
    const file = encodeWavPcm16(new Int16Array([100, 200, 300]), 24000)
    new DataView(file.buffer).setUint32(40, 0xffffffff, true)
    expect(decodeWav(file).samples).toHaveLength(3)
  })

  it('says what is wrong with files it cannot read', () => {
    expect(() => decodeWav(new TextEncoder().encode('ID3 not a wav at all'))).toThrow(WavError)
    expect(() =>
      decodeWav(wav({ format: 2, channels: 1, rate: 8000, bits: 4, data: new Uint8Array(4) })),
    ).toThrow(/format tag 2/)
    expect(() =>
      decodeWav(wav({ format: 1, channels: 1, rate: 8000, bits: 12, data: new Uint8Array(4) })),
    ).toThrow(/bit depth 12/)
    expect(() => decodeWav(encodeWavPcm16(new Int16Array(0), 24000).subarray(0, 36))).toThrow(/no data chunk/)
  })
})

describe('resample', () => {
  it('keeps the frequency and level of a tone, in both directions', () => {
    for (const [from, to] of [
      [48000, 24000],
      [44100, 24000],
      [16000, 24000],
      [8000, 24000],
    ] as const) {
      const x = sine(from, from, 440) // one second
      const y = resample(x, from, to)
      expect(y.length).toBe(to)
      expect(frequency(y, to)).toBeCloseTo(440, -1)
      const core = (a: Float32Array) => floatToPcm16(a.subarray(a.length / 10, a.length - a.length / 10))
      expect(Math.abs(dbfs(core(y)) - dbfs(core(x)))).toBeLessThan(0.2)
    }
  })

  it('filters what the new rate cannot carry instead of aliasing it', () => {
    const y = resample(sine(48000, 48000, 15000), 48000, 24000) // above the new 12 kHz Nyquist
    expect(rms(floatToPcm16(y.subarray(1000, -1000)))).toBeLessThan(0.01 * 0.5 * 32768)
    expect(resample(new Float32Array([0.1, 0.2]), 24000, 24000)).toEqual(new Float32Array([0.1, 0.2]))
    expect(() => resample(new Float32Array(1), 0, 24000)).toThrow(RangeError)
  })
})

describe('PCM helpers', () => {
  it('bytes ↔ samples (little-endian), 20 ms frames, loudness', () => {
    const pcm = new Int16Array([1, -2, 32767, -32768])
    expect([...pcm16ToBytes(pcm)]).toEqual([1, 0, 254, 255, 255, 127, 0, 128])
    expect(bytesToPcm16(pcm16ToBytes(pcm))).toEqual(pcm)
    expect([...frames(new Int16Array(1000), 480)].map((f) => f.byteLength)).toEqual([960, 960, 80])
    expect(dbfs(new Int16Array(10))).toBe(-Infinity)
    expect(dbfs(tone(24000, { amplitude: 0.5 }))).toBeCloseTo(-9.03, 1)
    expect(floatToPcm16(new Float32Array([2, -2]))).toEqual(new Int16Array([32767, -32768]))
  })

  it('toMonoPcm16: any decoded audio to 24 kHz mono PCM16', () => {
    const stereo = new Float32Array(44100 * 2)
    for (let i = 0; i < 44100; i++)
      stereo[2 * i] = stereo[2 * i + 1] = 0.5 * Math.sin((2 * Math.PI * 300 * i) / 44100)
    const out = toMonoPcm16(stereo, 2, 44100)
    expect(out.length).toBe(24000)
    expect(frequency(out, 24000)).toBeCloseTo(300, -1)
  })
})

const hasTools = ['espeak-ng', 'sox'].every((t) => spawnSync('which', [t]).status === 0)

describe.skipIf(!hasTools)('espeak-ng voice through sox conversions', () => {
  let dir: string
  let base: Int16Array
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-'))
    const src = path.join(dir, 'voice.wav')
    expect(spawnSync('espeak-ng', ['-w', src, 'Hello, what is the weather like today?']).status).toBe(0)
    const w = decodeWav(fs.readFileSync(src))
    base = toMonoPcm16(w.samples, w.channels, w.sampleRate)
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  for (const [name, args] of [
    ['44.1 kHz stereo 24-bit', ['-r', '44100', '-c', '2', '-b', '24']],
    ['48 kHz mono float32', ['-r', '48000', '-e', 'floating-point', '-b', '32']],
    ['8 kHz mono 8-bit', ['-r', '8000', '-b', '8', '-e', 'unsigned-integer']],
  ] as const) {
    it(`${name}: same length and loudness once resampled to 24 kHz mono`, () => {
      const out = path.join(dir, `${name.replace(/\W+/g, '-')}.wav`)
      expect(spawnSync('sox', [path.join(dir, 'voice.wav'), ...args, out]).status).toBe(0)
      const w = decodeWav(fs.readFileSync(out))
      const pcm = toMonoPcm16(w.samples, w.channels, w.sampleRate)
      expect(Math.abs(pcm.length - base.length) / base.length).toBeLessThan(0.01)
      expect(dbfs(pcm)).toBeGreaterThan(-35) // voiced, not silence
      expect(Math.abs(dbfs(pcm) - dbfs(base))).toBeLessThan(1.5)
    })
  }
})
