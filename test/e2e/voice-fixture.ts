// The fake microphone: an espeak-ng WAV, and the same loudness measures for it and for what the
// emulator received, so "right length and loudness" compares like with like. Plus what the
// emulator's realtime recordings say about push-to-talk turns.
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { decodeWav } from '../../main/core/audio/wav'
import { toMonoPcm16, rms } from '../../main/core/audio/pcm'
import type { RealtimeEmulator } from '../emulator/index'

export const SPEECH = 'Testing the fake microphone. One two three four five.'
export const haveEspeak = spawnSync('espeak-ng', ['--version']).status === 0

export interface Loudness {
  /** Seconds from the first to the last 20 ms window louder than the threshold. */
  voicedSeconds: number
  /** RMS over the voiced span, in PCM16 units. */
  rms: number
}

/** Voiced span and loudness of 24 kHz mono PCM16. */
export function loudness(pcm: Int16Array, rate = 24000, threshold = 500): Loudness {
  const win = Math.round(rate * 0.02)
  let first = -1
  let last = -1
  for (let w = 0; w * win < pcm.length; w++) {
    if (rms(pcm.subarray(w * win, (w + 1) * win)) > threshold) {
      if (first < 0) first = w
      last = w
    }
  }
  if (first < 0) return { voicedSeconds: 0, rms: 0 }
  const span = pcm.subarray(first * win, (last + 1) * win)
  return { voicedSeconds: ((last - first + 1) * win) / rate, rms: rms(span) }
}

/** Write the speech WAV (once) and return its path and its measures at 24 kHz. */
export function speechFixture(dir: string): { wav: string; seconds: number; measure: Loudness } {
  fs.mkdirSync(dir, { recursive: true })
  const wav = path.join(dir, 'speech.wav')
  if (!fs.existsSync(wav)) {
    const r = spawnSync('espeak-ng', ['-s', '150', '-w', wav, SPEECH])
    if (r.status !== 0) throw new Error(`espeak-ng failed: ${r.stderr}`)
  }
  const decoded = decodeWav(new Uint8Array(fs.readFileSync(wav)))
  const pcm = toMonoPcm16(decoded.samples, decoded.channels, decoded.sampleRate)
  return { wav, seconds: pcm.length / 24000, measure: loudness(pcm) }
}

/** A connection's client frame types in order, each run of audio appends shown once as `append…`. */
export function frameKinds(rt: RealtimeEmulator, id: number): string[] {
  const out: string[] = []
  for (const f of rt.frames(id)) {
    const kind = f.type === 'input_audio_buffer.append' ? 'append…' : String(f.type)
    if (kind !== 'append…' || out.at(-1) !== kind) out.push(kind)
  }
  return out
}

/** How many frames of one type a connection sent. */
export const countFrames = (rt: RealtimeEmulator, id: number, type: string) =>
  rt.frames(id).filter((f) => f.type === type).length

/** One push-to-talk turn as the server must see it: clear, the held audio, commit, ask for the answer. */
export const TURN = ['input_audio_buffer.clear', 'append…', 'input_audio_buffer.commit', 'response.create']
