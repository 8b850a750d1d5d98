// Voice latency in Chromium with a fake microphone, through the browser host and the emulator:
// - capture → socket: from the capture of a 20 ms frame's last sample (AudioContext clock mapped to
//   epoch time) to the emulator receiving that frame on the realtime WebSocket, matched by order;
// - first audio → playback: from the page receiving an answer's first audio delta to its first
//   sample reaching the output (the playback worklet's render quantum).
import path from 'node:path'
import { startHarness } from '../e2e/harness'
import { haveEspeak, speechFixture } from '../e2e/voice-fixture'

export interface VoiceBenchResult {
  frames: number
  captureToSocket: { p50: number; p95: number }
  firstAudioToPlayback: { samples: number; p50: number; p95: number }
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN
}

interface Timings {
  captureEpochMs: number[]
  firstAudio: { itemId: string; receivedEpochMs: number; playingEpochMs: number | null }[]
}

export async function voiceBench(): Promise<VoiceBenchResult | string> {
  if (!haveEspeak) return 'skipped: espeak-ng is not installed'
  const fx = speechFixture(path.join(import.meta.dirname, '../../test-results/voice'))
  const h = await startHarness({
    chromiumArgs: [
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${fx.wav}%noloop`,
      '--autoplay-policy=no-user-gesture-required',
    ],
  })
  try {
    // Hands-free; each VAD turn gets a short answer, so several answers measure playback start.
    h.emu.realtime.script({
      vadSilenceMs: 200,
      answers: Array.from({ length: 14 }, () => ({ transcript: 'ok', audioMs: 300, chunks: 3, delayMs: 20 })),
    })
    const page = await h.open({ hash: '#quick' })
    await page.reload() // `#quick` is read at load
    await page.getByRole('button', { name: 'Start voice' }).click()
    await page.getByText('Listening').waitFor({ timeout: 10_000 })
    await h.emu.realtime.waitFor(
      () => h.emu.realtime.frames().filter((f) => f.type === 'input_audio_buffer.append').length >= 300,
      30_000,
    )
    await page.waitForFunction(
      () => {
        const t = (window as { __voiceTimings?: Timings }).__voiceTimings
        return t && t.firstAudio.some((f) => f.playingEpochMs !== null)
      },
      undefined,
      { timeout: 20_000 },
    )
    // More answers for the playback measure: typed turns in the same voice session.
    for (let i = 0; i < 8; i++) {
      const before = await page.evaluate(
        () => (window as { __voiceTimings?: Timings }).__voiceTimings!.firstAudio.length,
      )
      await page.evaluate(
        (n) => window.assistant!.submit({ type: 'realtime_text', text: `question ${n}` }),
        i,
      )
      await page
        .waitForFunction(
          (b) => {
            const t = (window as { __voiceTimings?: Timings }).__voiceTimings!
            return t.firstAudio.length > b && t.firstAudio.at(-1)!.playingEpochMs !== null
          },
          before,
          { timeout: 5_000 },
        )
        .catch(() => undefined)
    }
    const timings = (await page.evaluate(
      () => (window as { __voiceTimings?: Timings }).__voiceTimings,
    )) as Timings
    const received = h.emu.realtime.frames().filter((f) => f.type === 'input_audio_buffer.append')
    const n = Math.min(received.length, timings.captureEpochMs.length)
    const capture: number[] = []
    for (let i = 0; i < n; i++) capture.push(received[i]!.receivedAtMs - timings.captureEpochMs[i]!)
    const playback = timings.firstAudio
      .filter((f) => f.playingEpochMs !== null)
      .map((f) => f.playingEpochMs! - f.receivedEpochMs)
    await page.getByRole('button', { name: 'Stop voice' }).click()
    return {
      frames: n,
      captureToSocket: { p50: pct(capture, 0.5), p95: pct(capture, 0.95) },
      firstAudioToPlayback: { samples: playback.length, p50: pct(playback, 0.5), p95: pct(playback, 0.95) },
    }
  } finally {
    await h.close()
  }
}
