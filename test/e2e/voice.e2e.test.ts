// Voice in Chromium with a fake microphone (an espeak-ng WAV) through the browser host and the
// emulator's realtime endpoint: the emulator receives voiced PCM16 of the right length and
// loudness, the assistant's audio plays, barge-in stops it and the truncate reaches the emulator,
// and transcripts show on screen and land in history. Push to talk, held in the window and through
// the global hotkey's `push_to_talk` events: nothing is sent until held, then clear, the held audio
// and commit reach the emulator. Runs in real time (~20 s).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import path from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { CHROMIUM, CHROMIUM_ARGS, ROOT, haveChromium, shot, startHarness, type Harness } from './harness'
import { TURN, countFrames, frameKinds, haveEspeak, loudness, speechFixture } from './voice-fixture'
import { bytesToPcm16 } from '../../main/core/audio/pcm'

let h: Harness

/** The quick window's page (`#quick` is read at load, so reload after the hash changes). */
async function openQuick() {
  const page = await h.open({ hash: '#quick' })
  await page.reload()
  await page.getByRole('button', { name: 'Start voice' }).waitFor()
  return page
}
/**
 * Wait until the host delivers events to this page (it publishes only to attached pages): publish
 * a harmless probe (the hotkey statuses it already has) until the page has heard one.
 */
async function attached(page: Page) {
  const status = await page.evaluate(() => {
    const w = window as { __probes?: number }
    w.__probes = 0
    window.assistant!.onEvent((e) => {
      if (e.type === 'hotkeys_changed') w.__probes = (w.__probes ?? 0) + 1
    })
    return window.assistant!.query('hotkeys.status', {})
  })
  await expect
    .poll(
      () => {
        h.core.publish({ type: 'hotkeys_changed', status })
        return page.evaluate(() => (window as { __probes?: number }).__probes)
      },
      { timeout: 5000 },
    )
    .toBeGreaterThan(0)
}
async function openQuickAttached() {
  const page = await openQuick()
  await attached(page)
  return page
}

/** The realtime connection opened after `known` (ids of those that existed before). */
function newConnection(known: Set<number>) {
  return h.emu.realtime.waitFor(() => h.emu.realtime.connections().find((c) => !known.has(c.id)), 10_000)
}
const connectionIds = () => new Set(h.emu.realtime.connections().map((c) => c.id))
const kinds = (id: number) => frameKinds(h.emu.realtime, id)
/** Complete push-to-talk turns sent: the commit's `response.create` is the turn's last frame. */
const turns = (id: number) => countFrames(h.emu.realtime, id, 'response.create')
const commits = (id: number) => countFrames(h.emu.realtime, id, 'input_audio_buffer.commit')

interface SessionUpdate {
  session: { audio: { input: { turn_detection: unknown } } }
}
const connection = (id: number) => h.emu.realtime.connections().find((c) => c.id === id)!

const voice = (page: Page) => page.getByRole('region', { name: 'Voice conversation' })
const voiceStatus = (page: Page) => voice(page).getByRole('status')
const framesSent = async (page: Page) => Number(await page.getByTestId('frames-sent').textContent())
/** The capture worklet is running: the level meter moved (the fake microphone is speaking). */
const micLevel = async (page: Page) =>
  Number(await page.getByRole('meter', { name: 'Microphone level' }).getAttribute('aria-valuenow'))

/** Generous: starting needs the microphone, the worklets and a connection. */
const statusIs = (page: Page, text: string) =>
  expect.poll(() => voiceStatus(page).textContent(), { timeout: 10_000 }).toBe(text)
/**
 * The answer's audio played out, so the next press is a plain turn (pressing over the answer
 * would add the barge-in's cancel and truncate to the frames).
 */
async function answerPlayed(page: Page) {
  await expect.poll(() => page.getByTestId('samples-played').textContent(), { timeout: 10_000 }).not.toBe('0')
  await statusIs(page, 'Ready — hold to talk')
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
  // A failed test must not leave a live session behind: every open quick page hears the hotkeys.
  afterEach(async () => {
    for (const page of h?.context.pages() ?? []) await page.close()
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
    const page = await openQuickAttached()
    h.core.publish({ type: 'navigate', conversationId: null, view: 'voice' })
    await page.getByText('Listening').waitFor({ timeout: 10_000 })
    const conn = await h.emu.realtime.waitFor(() => h.emu.realtime.connections().find((c) => !c.closed))
    h.core.publish({ type: 'navigate', conversationId: null, view: 'voice' })
    await page.getByText('Voice is off').waitFor({ timeout: 10_000 })
    await h.emu.realtime.waitFor(() => h.emu.realtime.connections().find((c) => c.id === conn.id)!.closed)
    await page.close()
  })

  it('push to talk in the window: nothing sent until held, then clear, the held audio, commit', async () => {
    h.emu.realtime.script({
      inputTranscripts: ['a question asked by holding the button'],
      answers: [{ transcript: 'Heard you over push to talk.' }, { transcript: 'And again with Space.' }],
    })
    const known = connectionIds()
    const page = await openQuick()
    await voice(page).getByRole('radio', { name: 'Push to talk' }).check()
    await page.getByRole('button', { name: 'Start voice' }).click()
    const conn = await newConnection(known)
    await statusIs(page, 'Ready — hold to talk')
    // Push-to-talk turns the server's voice detection off: the client decides where turns end.
    const first = h.emu.realtime.frames(conn.id)[0]!.body as SessionUpdate
    expect(first.session.audio.input.turn_detection).toBeNull()

    // The microphone is captured (the meter moves) but nothing leaves while nothing is held.
    await expect.poll(() => micLevel(page), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await framesSent(page)).toBe(0)
    expect(kinds(conn.id)).toEqual(['session.update'])

    const button = voice(page).getByRole('button', { name: /Hold to talk/ })
    const box = (await button.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    const pressedAt = Date.now()
    await page.mouse.down()
    await statusIs(page, 'Listening… release to send')
    expect(await button.getAttribute('aria-pressed')).toBe('true')
    await shot(page, 'voice-ptt-held')
    await page.waitForTimeout(Math.max(0, 1500 - (Date.now() - pressedAt)))
    await page.mouse.up()
    const heldMs = Date.now() - pressedAt
    await h.emu.realtime.waitFor(() => turns(conn.id) === 1, 10_000)
    expect(kinds(conn.id)).toEqual(['session.update', ...TURN])
    expect(h.emu.realtime.frames(conn.id).filter((f) => f.problem !== undefined)).toEqual([])

    // What arrived is the hold: about its length (none of the seconds before it), with the voice in it.
    const pcm = bytesToPcm16(h.emu.realtime.audio(conn.id))
    const sentMs = (pcm.length / 24000) * 1000
    expect(sentMs).toBeGreaterThan(heldMs * 0.5)
    expect(sentMs).toBeLessThan(heldMs + 500)
    expect(loudness(pcm).voicedSeconds).toBeGreaterThan(0.2)

    const transcript = voice(page).getByRole('list', { name: 'Transcript' })
    await transcript.getByText('a question asked by holding the button').waitFor()
    await transcript.getByText('Heard you over push to talk.').waitFor()
    await answerPlayed(page)

    // Held Space does the same, on the same session.
    const sentBefore = await framesSent(page)
    await page.keyboard.down('Space')
    await statusIs(page, 'Listening… release to send')
    // At least 300 ms of audio went out before the release.
    await expect.poll(() => framesSent(page), { timeout: 5000 }).toBeGreaterThan(sentBefore + 15)
    await page.keyboard.up('Space')
    await h.emu.realtime.waitFor(() => turns(conn.id) === 2, 10_000)
    expect(kinds(conn.id)).toEqual(['session.update', ...TURN, ...TURN])
    await transcript.getByText('And again with Space.').waitFor()

    await page.getByRole('button', { name: 'Stop voice' }).click()
    await statusIs(page, 'Voice is off')
    await h.emu.realtime.waitFor(() => connection(conn.id).closed)
    await page.close()
  }, 30_000)

  it('the push-to-talk hotkey starts a session, talks while held, sends on release, stays live', async () => {
    h.emu.realtime.script({ answers: [{ transcript: 'Answer to the hotkey.' }] })
    const known = connectionIds()
    const page = await openQuickAttached()
    h.core.publish({ type: 'push_to_talk', state: 'down' })
    const conn = await newConnection(known)
    // Talking as soon as it is live, with no second press: the held key carried over the start.
    await statusIs(page, 'Listening… release to send')
    expect(await voice(page).getByRole('radio', { name: 'Push to talk' }).isChecked()).toBe(true)
    await expect.poll(() => framesSent(page), { timeout: 5000 }).toBeGreaterThan(0)
    await page.waitForTimeout(1000)
    expect(commits(conn.id)).toBe(0)
    h.core.publish({ type: 'push_to_talk', state: 'up' })
    await h.emu.realtime.waitFor(() => turns(conn.id) === 1, 10_000)
    expect(kinds(conn.id)).toEqual(['session.update', ...TURN])

    // Still live after the release: the answer plays, and the next hold talks again.
    await voice(page).getByRole('list', { name: 'Transcript' }).getByText('Answer to the hotkey.').waitFor()
    await answerPlayed(page)
    expect(connection(conn.id).closed).toBe(false)
    const sentBefore = await framesSent(page)
    h.core.publish({ type: 'push_to_talk', state: 'down' })
    await statusIs(page, 'Listening… release to send')
    await expect.poll(() => framesSent(page), { timeout: 5000 }).toBeGreaterThan(sentBefore + 15)
    h.core.publish({ type: 'push_to_talk', state: 'up' })
    await h.emu.realtime.waitFor(() => turns(conn.id) === 2, 10_000)
    expect(kinds(conn.id)).toEqual(['session.update', ...TURN, ...TURN])

    // The voice hotkey ends it.
    h.core.publish({ type: 'navigate', conversationId: null, view: 'voice' })
    await statusIs(page, 'Voice is off')
    await h.emu.realtime.waitFor(() => connection(conn.id).closed)
    await page.close()
  }, 30_000)

  it('a push-to-talk tap while the session starts is cancelled: nothing is sent or committed', async () => {
    h.emu.realtime.script({})
    const known = connectionIds()
    const page = await openQuickAttached()
    // Down and up before the session can be live (it needs the microphone and a connection).
    h.core.publish({ type: 'push_to_talk', state: 'down' })
    h.core.publish({ type: 'push_to_talk', state: 'up' })
    const conn = await newConnection(known)
    await statusIs(page, 'Ready — hold to talk')
    // Capture runs (the meter moves), so a press that leaked through would be sending by now.
    await expect.poll(() => micLevel(page), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await framesSent(page)).toBe(0)
    expect(kinds(conn.id)).toEqual(['session.update'])

    // A real hold afterwards is the one turn the server sees.
    h.core.publish({ type: 'push_to_talk', state: 'down' })
    await expect.poll(() => framesSent(page), { timeout: 5000 }).toBeGreaterThan(15)
    h.core.publish({ type: 'push_to_talk', state: 'up' })
    await h.emu.realtime.waitFor(() => turns(conn.id) === 1, 10_000)
    expect(kinds(conn.id)).toEqual(['session.update', ...TURN])
    await page.getByRole('button', { name: 'Stop voice' }).click()
    await h.emu.realtime.waitFor(() => connection(conn.id).closed)
    await page.close()
  }, 30_000)

  it('where releases are invisible, a press starts talking and the next one sends', async () => {
    h.emu.realtime.script({ answers: [{ transcript: 'Answer to the press.' }] })
    const known = connectionIds()
    const page = await openQuickAttached()
    h.core.publish({ type: 'push_to_talk', state: 'press' })
    const conn = await newConnection(known)
    await statusIs(page, 'Listening… release to send')
    await expect.poll(() => framesSent(page), { timeout: 5000 }).toBeGreaterThan(15)
    h.core.publish({ type: 'push_to_talk', state: 'press' })
    await h.emu.realtime.waitFor(() => turns(conn.id) === 1, 10_000)
    // The session stays; once the answer has played, the next press talks again on it.
    await voice(page).getByRole('list', { name: 'Transcript' }).getByText('Answer to the press.').waitFor()
    await answerPlayed(page)
    const sent = await framesSent(page)
    h.core.publish({ type: 'push_to_talk', state: 'press' })
    await expect.poll(() => framesSent(page), { timeout: 5000 }).toBeGreaterThan(sent + 15)
    h.core.publish({ type: 'push_to_talk', state: 'press' })
    await h.emu.realtime.waitFor(() => turns(conn.id) === 2, 10_000)
    expect(kinds(conn.id)).toEqual(['session.update', ...TURN, ...TURN])
    await page.getByRole('button', { name: 'Stop voice' }).click()
    await h.emu.realtime.waitFor(() => connection(conn.id).closed)
    await page.close()
  }, 30_000)

  it('a push-to-talk hold that begins before the voice panel has loaded is not lost', async () => {
    h.emu.realtime.script({})
    const known = connectionIds()
    const page = await h.context.newPage()
    // Hold the panel's lazy chunk back: the page is up and hears the host, the panel is not there.
    let loadPanel!: () => void
    const panelHeld = new Promise<void>((resolve) => (loadPanel = resolve))
    await page.route(/\/assets\/VoicePanel-[^/]+\.js$/, async (route) => {
      await panelHeld
      await route.continue()
    })
    await page.goto(`${h.server.url}/#quick`)
    await page.getByLabel('Message').waitFor()
    await attached(page)
    h.core.publish({ type: 'push_to_talk', state: 'down' })
    expect(await voice(page).count()).toBe(0)
    loadPanel()
    // The press waited for the panel, and the session it started talks once live.
    await statusIs(page, 'Listening… release to send')
    const conn = await newConnection(known)
    await expect.poll(() => framesSent(page), { timeout: 5000 }).toBeGreaterThan(15)
    h.core.publish({ type: 'push_to_talk', state: 'up' })
    await h.emu.realtime.waitFor(() => turns(conn.id) === 1, 10_000)
    expect(kinds(conn.id)).toEqual(['session.update', ...TURN])
  }, 30_000)

  it('settings list the push-to-talk hotkey with the other two, and show its fallback', async () => {
    const page = await h.open()
    await attached(page)
    await page.getByRole('button', { name: 'Settings' }).click()
    const shortcuts = page.getByRole('group', { name: 'Shortcuts' })
    for (const name of ['Quick window', 'Voice', 'Push to talk (hold)']) {
      const input = shortcuts.getByRole('textbox', { name, exact: true })
      await input.waitFor()
      // The browser host cannot register global shortcuts: each says so, and cannot be edited.
      expect(await input.isDisabled()).toBe(true)
      expect(await input.getAttribute('aria-describedby')).toMatch(/-status$/)
    }
    expect(await shortcuts.getByText('Global shortcuts need the desktop app.').count()).toBe(3)
    await shortcuts.scrollIntoViewIfNeeded()
    await shot(page, 'settings-hotkeys')

    // What the desktop app reports where key releases cannot be seen: main's words, shown as-is,
    // styled as a caveat rather than a failure.
    const fallback =
      'Registered: press to talk, press again to send (Wayland does not tell apps when a key is released).'
    h.core.publish({
      type: 'hotkeys_changed',
      status: [
        { action: 'quickWindow', accelerator: 'Super+Space', state: 'registered', message: 'Registered.' },
        { action: 'voice', accelerator: '', state: 'disabled', message: 'No shortcut set.' },
        { action: 'pushToTalk', accelerator: 'F9', state: 'registered', message: fallback, hold: false },
      ],
    })
    const note = shortcuts.getByText(fallback)
    await note.waitFor()
    expect(await note.getAttribute('class')).toBe('hotkey registered press-only')
    expect(await shortcuts.getByText('Registered.', { exact: true }).getAttribute('class')).toBe(
      'hotkey registered',
    )
    await shot(page, 'settings-hotkeys-press-only')
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
