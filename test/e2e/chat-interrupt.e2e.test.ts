// Interrupt: Esc in the composer and the Stop button end a streaming answer at once; what was
// shown is kept (marked as cut short), also after a reload from history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveChromium, pacedAnswer, send, startHarness, type Harness } from './harness'

let h: Harness
const LONG = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ')

describe.skipIf(!haveChromium)('chat: interrupt', () => {
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h?.close()
  })

  it('Esc stops the answer and keeps what was shown, also after a reload', async () => {
    const page = await h.open()
    h.emu.script({ steps: pacedAnswer(LONG, 80, 100) })
    await send(page, 'Tell me a long story')
    const streaming = page.locator('[data-streaming=true]')
    await expect
      .poll(async () => ((await streaming.textContent()) ?? '').length, { timeout: 10_000 })
      .toBeGreaterThan(20)
    expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(1)
    await page.getByLabel('Message').press('Escape')
    await page.locator('.live-turn[data-state=interrupted]').waitFor({ timeout: 5000 })
    const partial = page.locator('.msg.assistant.partial')
    const shown = (await partial.locator('.text').textContent()) ?? ''
    expect(shown.length).toBeGreaterThan(20)
    expect(LONG.startsWith(shown)).toBe(true)
    expect(shown.length).toBeLessThan(LONG.length)
    expect(await page.getByText('Stopped — this answer was cut short.').count()).toBe(1)
    expect(await page.getByRole('button', { name: 'Send' }).count()).toBe(1)
    // From history: the partial answer is still there, marked.
    await page.reload()
    await page.getByRole('button', { name: /Tell me a long story/ }).click()
    await expect.poll(() => page.locator('.msg.assistant.partial .text').textContent()).toBe(shown)
    await page.close()
  })

  it('the Stop button interrupts too', async () => {
    const page = await h.open()
    h.emu.script({ steps: pacedAnswer(LONG, 80, 100) })
    await send(page, 'Another long one')
    await expect
      .poll(async () => ((await page.locator('[data-streaming=true]').textContent()) ?? '').length, {
        timeout: 10_000,
      })
      .toBeGreaterThan(10)
    await page.getByRole('button', { name: 'Stop' }).click()
    await page.locator('.live-turn[data-state=interrupted]').waitFor({ timeout: 5000 })
    expect(await page.locator('.msg.assistant.partial').count()).toBe(1)
    await page.close()
  })
})
