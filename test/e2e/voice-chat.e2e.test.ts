// Voice in the chat window with a fake microphone (an espeak-ng WAV) through the browser host and
// the emulator: the composer's microphone starts voice in the open conversation and both
// transcripts land in it; dictation fills the composer and sends nothing; read aloud plays (the
// played-samples counter advances) and stops; a denied microphone gives the clear message; the
// voice counters are in Diagnostics, not in the panel.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import path from 'node:path'
import { chromium, type Page } from 'playwright-core'
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  ROOT,
  haveChromium,
  send,
  shot,
  startHarness,
  type Harness,
} from './harness'
import { haveEspeak, speechFixture } from './voice-fixture'
import { textAnswer } from '../emulator/scripts'

let h: Harness
const fx = haveEspeak ? speechFixture(path.join(ROOT, 'test-results', 'voice')) : null

const composer = (page: Page) => page.getByLabel('Message')
const played = async (page: Page) =>
  Number(await page.locator('.read-aloud').last().getAttribute('data-played-samples'))

/** A conversation with one typed question and its answer. */
async function conversationWithAnswer(page: Page, answer: string) {
  h.emu.script({ steps: textAnswer(answer) })
  await send(page, 'Tell me something')
  await page.getByText(answer.slice(0, 8)).first().waitFor({ timeout: 10_000 })
  await expect.poll(() => composer(page).isEnabled()).toBe(true)
}

describe.skipIf(!haveChromium || !haveEspeak)('voice in the chat window (fake microphone)', () => {
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
  afterEach(async () => {
    for (const page of h?.context.pages() ?? []) await page.close()
  })
  afterAll(async () => {
    await h?.close()
  })

  it('the composer microphone talks in the open conversation; transcripts land in it', async () => {
    const page = await h.open()
    await conversationWithAnswer(page, 'A typed answer comes first.')
    const convs = await page.evaluate(() => window.assistant!.query('conversations.list', {}))
    const cid = convs[0]!.id
    h.emu.realtime.script({
      vadSilenceMs: 700,
      inputTranscripts: ['testing the fake microphone one two three four five'],
      answers: [{ transcript: 'Spoken answer inside the same chat.', audioMs: 800 }],
    })
    await page.getByRole('button', { name: 'Talk (voice conversation)' }).click()
    const panel = page.getByRole('region', { name: 'Voice conversation' })
    await panel.getByText('Listening').waitFor({ timeout: 10_000 })
    // The conversation is the context: its messages are in the session's instructions.
    const conn = h.emu.realtime.connections().at(-1)!
    const setup = h.emu.realtime.frames(conn.id)[0]!.body as { session: { instructions: string } }
    expect(setup.session.instructions).toContain(
      'User: Tell me something\nAssistant: A typed answer comes first.',
    )
    // The user's words show up in the conversation itself; the answer as a live caption, and in
    // the conversation once it is written (when voice stops or the next turn starts).
    await page.locator('.msg.user', { hasText: 'testing the fake microphone' }).waitFor({ timeout: 30_000 })
    await panel.getByText('Spoken answer inside the same chat.').waitFor({ timeout: 15_000 })
    // The developer counters are not in the panel…
    expect(await panel.getByText('Frames sent').isVisible()).toBe(false)
    // …but in Diagnostics, per voice session.
    await page.getByRole('button', { name: 'Diagnostics', exact: true }).click()
    const diag = page.getByTestId('diag-voice')
    await diag.waitFor()
    expect(Number(await diag.getByTestId('diag-frames-sent').textContent())).toBeGreaterThan(0)
    await shot(page, 'voice-chat-live')
    await page.getByRole('button', { name: 'Close diagnostics' }).click()
    await panel.getByRole('button', { name: 'Stop voice' }).click()
    await panel.getByText('Voice is off').waitFor()
    await page
      .locator('.msg.assistant', { hasText: 'Spoken answer inside the same chat.' })
      .waitFor({ timeout: 10_000 })
    await shot(page, 'voice-chat-after')
    // The same conversation, in history: the typed turn and both voice transcripts.
    const conv = await page.evaluate((id) => window.assistant!.query('conversations.load', { id }), cid)
    const texts = conv!.items.map((r) => JSON.stringify(r.item))
    expect(texts.some((t) => t.includes('A typed answer comes first.'))).toBe(true)
    expect(texts.some((t) => t.includes('testing the fake microphone'))).toBe(true)
    expect(texts.some((t) => t.includes('Spoken answer inside the same chat.'))).toBe(true)
    // The engine was asked to run voice in this conversation.
    const list = await page.evaluate(() => window.assistant!.query('conversations.list', {}))
    expect(list.length).toBe(convs.length)
  }, 90_000)

  it('starting voice while it runs in another conversation asks first', async () => {
    const page = await h.open()
    await conversationWithAnswer(page, 'First chat answer.')
    h.emu.realtime.script({})
    await page.getByRole('button', { name: 'Talk (voice conversation)' }).click()
    const panel = page.getByRole('region', { name: 'Voice conversation' })
    await panel.getByText('Listening').waitFor({ timeout: 10_000 })
    const first = h.emu.realtime.connections().at(-1)!
    await page.getByRole('button', { name: 'New chat' }).first().click()
    await conversationWithAnswer(page, 'Second chat answer.')
    await page.getByRole('button', { name: 'Talk (voice conversation)' }).click()
    const ask = page.getByRole('alertdialog', { name: 'Voice is running elsewhere' })
    await ask.waitFor()
    await shot(page, 'voice-chat-replace')
    await ask.getByRole('button', { name: 'End it and talk here' }).click()
    await h.emu.realtime.waitFor(
      () => h.emu.realtime.connections().find((c) => c.id === first.id)!.closed,
      10_000,
    )
    await h.emu.realtime.waitFor(
      () => h.emu.realtime.connections().find((c) => c.id !== first.id && !c.closed),
      10_000,
    )
    await panel.getByText('Listening').waitFor({ timeout: 10_000 })
    await panel.getByRole('button', { name: 'Stop voice' }).click()
    await panel.getByText('Voice is off').waitFor()
  }, 90_000)

  it('dictation puts the transcript in the composer and sends nothing', async () => {
    const page = await h.open()
    const before = h.emu.responsesRequests().length
    h.emu.audio.script({ transcripts: ['dictated words to edit'] })
    await composer(page).fill('Draft:')
    await page.getByRole('button', { name: 'Dictate' }).click()
    await page.locator('.dictation-status', { hasText: 'Listening…' }).waitFor({ timeout: 10_000 })
    await page.waitForTimeout(1500)
    await shot(page, 'dictation-recording')
    await page.getByRole('button', { name: 'Stop dictation' }).click()
    await expect
      .poll(() => composer(page).inputValue(), { timeout: 10_000 })
      .toBe('Draft: dictated words to edit')
    const req = h.emu.audio.transcriptions().at(-1)!
    expect(req.fields.model).toBe('gpt-4o-mini-transcribe')
    expect(req.seconds).toBeGreaterThan(1)
    expect(h.emu.responsesRequests().length).toBe(before)
    // The shortcut toggles it too.
    h.emu.audio.script({ transcripts: ['again'] })
    await page.keyboard.press('Control+Shift+M')
    await page.locator('.dictation-status', { hasText: 'Listening…' }).waitFor({ timeout: 10_000 })
    await page.waitForTimeout(300)
    await page.keyboard.press('Control+Shift+M')
    await expect
      .poll(() => composer(page).inputValue(), { timeout: 10_000 })
      .toBe('Draft: dictated words to edit again')
    expect(h.emu.responsesRequests().length).toBe(before)
  }, 60_000)

  it('dictation through a realtime transcription session, when settings say so', async () => {
    const page = await h.open()
    await page.evaluate(() =>
      window.assistant!.query('settings.set', { speech: { dictationVia: 'realtime' } }),
    )
    await page.reload()
    await composer(page).fill('')
    h.emu.realtime.script({ inputTranscripts: ['streamed while speaking'] })
    const before = h.emu.realtime.connections().length
    await page.getByRole('button', { name: 'Dictate' }).click()
    await page.locator('.dictation-status', { hasText: 'Listening…' }).waitFor({ timeout: 10_000 })
    await page.waitForTimeout(800)
    await page.getByRole('button', { name: 'Stop dictation' }).click()
    await expect.poll(() => composer(page).inputValue(), { timeout: 10_000 }).toBe('streamed while speaking')
    const conn = h.emu.realtime.connections()[before]!
    expect(conn.query.intent).toBe('transcription')
    expect(h.emu.realtime.audio(conn.id).length).toBeGreaterThan(24_000)
    await page.evaluate(() =>
      window.assistant!.query('settings.set', { speech: { dictationVia: 'transcriptions' } }),
    )
  }, 60_000)

  it('dictation works in the quick window too', async () => {
    const page = await h.open({ hash: '#quick' })
    await page.reload()
    await composer(page).fill('')
    h.emu.audio.script({ transcripts: ['quick window dictation'] })
    await page.getByRole('button', { name: 'Dictate' }).click()
    await page.locator('.dictation-status', { hasText: 'Listening…' }).waitFor({ timeout: 10_000 })
    await page.waitForTimeout(500)
    await page.getByRole('button', { name: 'Stop dictation' }).click()
    await expect.poll(() => composer(page).inputValue(), { timeout: 10_000 }).toBe('quick window dictation')
  }, 60_000)

  /** The played-samples count once it has stopped moving (at most ~3 s of 150 ms looks). */
  async function settled(page: Page): Promise<number> {
    let last = await played(page)
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(150)
      const now = await played(page)
      if (now === last) return now
      last = now
    }
    return last
  }

  it('read aloud plays an answer, pauses, and stops', async () => {
    const page = await h.open()
    const answer = 'Here is a long answer. ' + 'It has many sentences to read. '.repeat(30)
    await conversationWithAnswer(page, answer)
    h.emu.audio.script({ realTime: true, msPerChar: 60 })
    const before = h.emu.audio.speeches().length
    await page.getByRole('button', { name: 'Read aloud' }).last().click()
    await expect.poll(() => played(page), { timeout: 10_000 }).toBeGreaterThan(0)
    const first = h.emu.audio.speeches()[before]!
    expect(first).toMatchObject({ input: 'Here is a long answer.', voice: 'coral', response_format: 'pcm' })
    await page.getByRole('button', { name: 'Pause' }).click()
    await page.getByRole('button', { name: 'Resume' }).waitFor()
    // Counts already posted by the audio thread may still arrive (a few render quanta); then none.
    const paused = await settled(page)
    await page.waitForTimeout(400)
    expect(await played(page)).toBe(paused)
    await page.getByRole('button', { name: 'Resume' }).click()
    await expect.poll(() => played(page), { timeout: 5000 }).toBeGreaterThan(paused)
    await shot(page, 'read-aloud-playing')
    await page.getByRole('button', { name: 'Stop reading' }).click()
    await page.getByRole('button', { name: 'Read aloud' }).last().waitFor()
    const stoppedAt = await settled(page)
    await page.waitForTimeout(400)
    expect(await played(page)).toBe(stoppedAt)
    // Stopping ended the engine's reading: no more requests for the rest of the answer.
    const sent = h.emu.audio.speeches().length
    await page.waitForTimeout(500)
    expect(h.emu.audio.speeches().length).toBe(sent)
  }, 60_000)

  it('read aloud uses the voice and the code-block rule chosen in settings', async () => {
    const page = await h.open()
    await conversationWithAnswer(page, 'Try this:\n\n```python\nprint(1)\n```\n\nThat prints one.')
    await page.getByRole('button', { name: 'Settings' }).click()
    const group = page.getByRole('group', { name: 'Dictation and read aloud' })
    await group.getByLabel('Read-aloud voice').selectOption('nova')
    // Saved through the host, then shown: the radio follows the saved settings.
    await group.getByLabel('Skip them').click()
    await expect.poll(() => group.getByLabel('Skip them').isChecked()).toBe(true)
    await expect.poll(() => group.getByLabel('Read-aloud voice').inputValue()).toBe('nova')
    await group.scrollIntoViewIfNeeded()
    await shot(page, 'settings-speech')
    await page.getByRole('button', { name: 'Close settings' }).click()
    h.emu.audio.script({})
    const before = h.emu.audio.speeches().length
    await page.getByRole('button', { name: 'Read aloud' }).last().click()
    await expect.poll(() => h.emu.audio.speeches().length, { timeout: 10_000 }).toBeGreaterThan(before)
    await page.getByRole('button', { name: 'Read aloud' }).last().waitFor({ timeout: 10_000 })
    const sent = h.emu.audio.speeches().slice(before)
    expect(sent.every((r) => r.voice === 'nova')).toBe(true)
    expect(sent.map((r) => r.input).join(' ')).toBe('Try this: That prints one.')
    // Back to the defaults for the other tests.
    await page.evaluate(() =>
      window.assistant!.query('settings.set', { speech: { voice: 'coral', codeBlocks: 'summarize' } }),
    )
  }, 60_000)

  it('a denied microphone gives the clear message for dictation and voice', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
    try {
      const page = await browser.newPage()
      await page.context().addCookies(await h.context.cookies())
      await page.goto(h.server.url)
      await page.getByRole('button', { name: 'Dictate' }).click()
      const alert = page.locator('.dictation-error')
      await alert.waitFor()
      expect(await alert.textContent()).toMatch(/Microphone access was denied|No microphone was found/)
      await page.getByRole('button', { name: 'Talk (voice conversation)' }).click()
      const voiceAlert = page.getByRole('region', { name: 'Voice conversation' }).getByRole('alert')
      await voiceAlert.waitFor()
      expect(await voiceAlert.textContent()).toMatch(/Microphone access was denied|No microphone was found/)
      await shot(page, 'voice-chat-denied')
    } finally {
      await browser.close()
    }
  }, 60_000)
})
