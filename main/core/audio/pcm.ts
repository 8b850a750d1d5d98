// PCM16 helpers shared by the realtime engine, the CLI and the emulator: float ↔ int16, bytes ↔
// samples, down-mixing, loudness, and fixed-size framing.
import { resample } from './resample'

/** Float [-1, 1] → PCM16 with clipping (no dither: speech into a codec does not need it). */
export function floatToPcm16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length)
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]!))
    out[i] = s < 0 ? Math.round(s * 32768) : Math.round(s * 32767)
  }
  return out
}

export function pcm16ToFloat(pcm: Int16Array): Float32Array {
  const out = new Float32Array(pcm.length)
  for (let i = 0; i < pcm.length; i++) out[i] = pcm[i]! / 32768
  return out
}

/** Little-endian bytes of PCM16 samples (a copy; Int16Array is host-endian, which is LE everywhere we run). */
export function pcm16ToBytes(pcm: Int16Array): Uint8Array {
  const out = new Uint8Array(pcm.length * 2)
  const v = new DataView(out.buffer)
  for (let i = 0; i < pcm.length; i++) v.setInt16(i * 2, pcm[i]!, true)
  return out
}

/** PCM16 LE bytes → samples; a trailing odd byte is ignored. */
export function bytesToPcm16(bytes: Uint8Array): Int16Array {
  const n = Math.floor(bytes.byteLength / 2)
  const out = new Int16Array(n)
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let i = 0; i < n; i++) out[i] = v.getInt16(i * 2, true)
  return out
}

/** Average the channels of interleaved samples. */
export function downmix(interleaved: Float32Array, channels: number): Float32Array {
  if (channels === 1) return interleaved
  const frames = Math.floor(interleaved.length / channels)
  const out = new Float32Array(frames)
  for (let f = 0; f < frames; f++) {
    let sum = 0
    for (let c = 0; c < channels; c++) sum += interleaved[f * channels + c]!
    out[f] = sum / channels
  }
  return out
}

/** Any decoded audio → 24 kHz (or `rate`) mono PCM16, the realtime wire format. */
export function toMonoPcm16(
  interleaved: Float32Array,
  channels: number,
  fromRate: number,
  rate = 24_000,
): Int16Array {
  return floatToPcm16(resample(downmix(interleaved, channels), fromRate, rate))
}

/** Root-mean-square level of PCM16 samples, 0..32768. */
export function rms(pcm: Int16Array): number {
  if (pcm.length === 0) return 0
  let sum = 0
  for (let i = 0; i < pcm.length; i++) sum += pcm[i]! * pcm[i]!
  return Math.sqrt(sum / pcm.length)
}

/** Level in dBFS (−Infinity for silence). */
export function dbfs(pcm: Int16Array): number {
  const r = rms(pcm)
  return r === 0 ? -Infinity : 20 * Math.log10(r / 32768)
}

/** Consecutive frames of `samplesPerFrame` samples as byte views; the last may be shorter. */
export function* frames(pcm: Int16Array, samplesPerFrame: number): Generator<Uint8Array> {
  const bytes = pcm16ToBytes(pcm)
  const step = samplesPerFrame * 2
  for (let at = 0; at < bytes.byteLength; at += step)
    yield bytes.subarray(at, Math.min(at + step, bytes.byteLength))
}

/** A sine tone as PCM16 (test audio and the emulator's "voice"). */
export function tone(
  samples: number,
  opts: { rate?: number; hz?: number; amplitude?: number } = {},
): Int16Array {
  const rate = opts.rate ?? 24_000
  const hz = opts.hz ?? 440
  const amp = opts.amplitude ?? 0.3
  const out = new Int16Array(samples)
  for (let i = 0; i < samples; i++) out[i] = Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * amp * 32767)
  return out
}
