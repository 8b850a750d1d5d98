// Phase styling: a `commentary` message (a preamble) is shown quieter than the `final_answer`,
// live and when the conversation is reopened from history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { haveChromium, send, shot, startHarness, type Harness } from './harness'
import { completed, created, inProgress, messageItem, messageSteps, paced } from '../emulator/scripts'

let h: Harness

async function styleOf(page: Page, selector: string) {
  return page
    .locator(selector)
    .last()
    .evaluate((el) => {
      const s = getComputedStyle(el)
      return { color: s.color, fontSize: parseFloat(s.fontSize) }
    })
}

describe.skipIf(!haveChromium)('chat: message phase', () => {
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h?.close()
  })

  it('commentary is quieter than the final answer', async () => {
    const page = await h.open()
    const pre = 'Let me check the files first.'
    const fin = 'Here is the final answer.'
    const a = messageSteps(pre, { outputIndex: 0, sequenceStart: 2, chunks: 4, phase: 'commentary' })
    const b = messageSteps(fin, {
      outputIndex: 1,
      sequenceStart: 2 + a.length,
      chunks: 4,
      phase: 'final_answer',
    })
    h.emu.script({
      steps: [
        created({ sequenceNumber: 0 }),
        inProgress({ sequenceNumber: 1 }),
        // Slow enough to look at each message while it streams.
        ...paced(a, 250),
        ...paced(b, 250),
        completed({
          output: [messageItem(pre, { phase: 'commentary' }), messageItem(fin, { phase: 'final_answer' })],
        }),
      ],
    })
    await send(page, 'Check and answer')
    // While streaming: the preamble is already quieter (its phase came with output_item.added),
    // and the final answer streams at full size.
    const streamingPre = page.locator('.msg.assistant.streaming.commentary')
    await streamingPre.waitFor({ timeout: 15_000 })
    await expect.poll(() => streamingPre.locator('.text').textContent()).not.toBe('')
    await shot(page, 'commentary-streaming')
    const streamingFin = page.locator('.msg.assistant.streaming[data-phase=final_answer]')
    await streamingFin.waitFor({ timeout: 15_000 })
    expect((await styleOf(page, '.msg.assistant.commentary')).fontSize).toBeLessThan(
      (await styleOf(page, '.msg.assistant.streaming[data-phase=final_answer]')).fontSize,
    )
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    const check = async () => {
      expect(await page.locator('.msg.assistant.commentary .text').textContent()).toBe(pre)
      expect(await page.locator('[data-phase=final_answer] .text').textContent()).toBe(fin)
      const quiet = await styleOf(page, '.msg.assistant.commentary')
      const loud = await styleOf(page, '[data-phase=final_answer]')
      expect(quiet.color).not.toBe(loud.color)
      expect(quiet.fontSize).toBeLessThan(loud.fontSize)
    }
    await check()
    await page.reload()
    await page.getByRole('button', { name: /Check and answer/ }).click()
    await page.locator('.msg.assistant.commentary').waitFor()
    await check()
    await page.close()
  })
})
