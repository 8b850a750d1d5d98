// Voice in Chromium with a fake microphone (an espeak-ng WAV) through the browser host and the
// emulator's realtime endpoint: the emulator receives voiced PCM16 of the right length and
// loudness, the assistant's audio plays, barge-in stops it and the truncate reaches the emulator,
// and transcripts show on screen and land in history. Runs in real time (~10 s).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { CHROMIUM, CHROMIUM_ARGS, ROOT, haveChromium, shot, startHarness, type Harness } from './harness'
import { haveEspeak, loudness, speechFixture } from './voice-fixture'
import { bytesToPcm16 } from '../../main/core/audio/pcm'

let h: Harness

/** The quick window's page (`#quick` is read at load, so reload after the hash changes). */
async function openQuick() {
  const page = await h.open({ hash: '#quick' })
  await page.reload()
  await page.getByRole('button', { name: 'Start voice' }).waitFor()
  return page
}
const fx = haveEspeak ? speechFixture(path.join(ROOT, 'test-results', 'voice')) : null

describe.skipIf(!haveChromium || !haveEspeak)('voice: fake microphone through the browser host', () => {
  beforeAll(async () => {
    h = await startHarness({
      chromiumArgs: [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${fx!.wav}%noloop`,
        '--autoplay-policy=no-user-gesture-required',
      ],
    })
  })
  afterAll(async () => {
    await h?.close()
  })

  it('streams the microphone, plays the answer, barges in, and records both transcripts', async () => {
    h.emu.realtime.script({
      // espeak pauses ~0.4 s between sentences: a longer silence keeps the speech one user turn.
      vadSilenceMs: 700,
      inputTranscripts: ['testing the fake microphone one two three four five'],
      answers: [
        {
          transcript: 'I hear you loud and clear, and here is more.',
          audioMs: 3000,
          chunks: 30,
          delayMs: 100,
          speechStartedAfter: 12,
        },
      ],
    })
    const page = await openQuick()
    await page.getByRole('button', { name: 'Start voice' }).click()
    await page.getByText('Listening').waitFor({ timeout: 10_000 })

    // VAD commits after the file ends; the answer streams, and the scripted speech_started interrupts it.
    await h.emu.realtime.waitFor(() => h.emu.realtime.truncates().length > 0, 30_000)
    const [truncate] = h.emu.realtime.truncates()
    const [conn] = h.emu.realtime.connections()
    // Measure once the whole file (plus a little trailing silence) has arrived.
    await h.emu.realtime.waitFor(
      () => h.emu.realtime.audio(conn!.id).length >= (fx!.seconds + 0.3) * 48000,
      20_000,
    )

    // What the emulator received is the speech: same voiced length (±10%) and similar loudness.
    const received = loudness(bytesToPcm16(h.emu.realtime.audio(conn!.id)))
    const source = fx!.measure
    expect(Math.abs(received.voicedSeconds - source.voicedSeconds) / source.voicedSeconds).toBeLessThan(0.1)
    expect(received.rms / source.rms).toBeGreaterThan(0.5)
    expect(received.rms / source.rms).toBeLessThan(2)
    expect(h.emu.realtime.frames(conn!.id).filter((f) => f.problem !== undefined)).toEqual([])

    // The answer played (the worklet's counter advanced), and the truncate says how much was heard:
    // some, but not all three seconds.
    const played = Number(await page.getByTestId('samples-played').textContent())
    expect(played).toBeGreaterThan(0)
    const endMs = (truncate!.body as { audio_end_ms: number }).audio_end_ms
    expect(endMs).toBeGreaterThan(0)
    expect(endMs).toBeLessThan(3000)
    expect(Number(await page.getByTestId('barge-ins').textContent())).toBe(1)

    const transcript = page.getByRole('list', { name: 'Transcript' })
    await transcript.getByText('testing the fake microphone').waitFor()
    await transcript.getByText(/I hear you/).waitFor()
    await shot(page, 'voice-live')

    await page.getByRole('button', { name: 'Stop voice' }).click()
    await page.getByText('Voice is off').waitFor()
    const convs = await page.evaluate(() => window.assistant!.query('conversations.list', {}))
    const conv = await page.evaluate(
      (id) => window.assistant!.query('conversations.load', { id }),
      convs[0]!.id,
    )
    const texts = conv!.items.map((r) => JSON.stringify(r.item))
    expect(texts.some((t) => t.includes('testing the fake microphone'))).toBe(true)
    expect(texts.some((t) => t.includes('I hear you'))).toBe(true)
    await page.close()
  }, 60_000)

  it('the voice hotkey (a navigate to voice) starts and then stops the session', async () => {
    h.emu.realtime.script({})
    const before = h.core.fanout.size
    const page = await openQuick()
    // The host delivers only to attached pages: wait for this one.
    await expect.poll(() => h.core.fanout.size).toBeGreaterThan(before > 0 ? before - 1 : 0)
    h.core.publish({ type: 'navigate', conversationId: null, view: 'voice' })
    await page.getByText('Listening').waitFor({ timeout: 10_000 })
    const conn = await h.emu.realtime.waitFor(() => h.emu.realtime.connections().find((c) => !c.closed))
    h.core.publish({ type: 'navigate', conversationId: null, view: 'voice' })
    await page.getByText('Voice is off').waitFor({ timeout: 10_000 })
    await h.emu.realtime.waitFor(() => h.emu.realtime.connections().find((c) => c.id === conn.id)!.closed)
    await page.close()
  })

  it('a denied microphone is a clear message, not silence', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
    try {
      const page = await browser.newPage()
      // A new browser has no session cookie (the token is spent): carry the signed-in one over.
      await page.context().addCookies(await h.context.cookies())
      await page.goto(`${h.server.url}/#quick`)
      await page.getByRole('button', { name: 'Start voice' }).click()
      const alert = page.getByRole('alert')
      await alert.waitFor()
      expect(await alert.textContent()).toMatch(/Microphone access was denied|No microphone was found/)
    } finally {
      await browser.close()
    }
  })
})
