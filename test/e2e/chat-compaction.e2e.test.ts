// Compaction in the chat window: 60 scripted turns against a small context window. The engine
// compacts before the turn that would overflow; a divider marks the place, the transcript above it
// stays complete, the context meter drops; "Compact now" compacts on request.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveChromium, send, shot, startHarness, type Harness } from './harness'
import { DEFAULT_MODELS } from '../emulator/index'
import { textAnswer } from '../emulator/scripts'
import { answer } from '../integration/compaction-helpers'
import { CLIENT_VERSION } from '../../main/core/provider'

let h: Harness
const TURNS = 60

/** A fresh models cache with one small model, so the engine knows the window. */
function seedSmallModel(dataDir: string) {
  const small = {
    ...(DEFAULT_MODELS[0] as object),
    slug: 'gpt-small',
    display_name: 'gpt-small',
    priority: 99,
  }
  const models = [{ ...small, context_window: 4000, supports_reasoning_summaries: false }]
  const cache = { fetched_at: new Date().toISOString(), client_version: CLIENT_VERSION, models }
  fs.writeFileSync(path.join(dataDir, 'models_cache.json'), JSON.stringify(cache))
}

describe.skipIf(!haveChromium)('chat: compaction', () => {
  beforeAll(async () => {
    h = await startHarness({ seed: seedSmallModel, emulator: { contextWindow: 4000 } })
  })
  afterAll(async () => {
    await h?.close()
  })

  it('60 turns: divider, complete transcript above it, the meter drops; Compact now', async () => {
    const page = await h.open()
    const meter = page.getByTestId('context-meter')
    const used: number[] = []
    for (let i = 1; i <= TURNS; i++) {
      h.emu.script({ steps: textAnswer(answer(i)) })
      await send(page, `Question ${i}`)
      await page.getByText(`Answer ${i}:`).first().waitFor({ timeout: 15_000 })
      // The turn has ended (Send replaces Stop): Enter while a turn runs sends nothing.
      await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 15_000 })
      used.push(Number(await meter.getAttribute('aria-valuenow')))
    }
    expect(h.emu.compactRequests().length).toBeGreaterThanOrEqual(2)
    // The meter dropped after a compaction.
    expect(used.some((u, i) => i > 0 && u < used[i - 1]! / 2)).toBe(true)
    expect(h.pageErrors).toEqual([])

    // Reopened from history: every question and answer, plus one divider per compaction.
    await page.reload()
    await page.getByRole('button', { name: /Question 1/ }).click()
    const feed = page.getByRole('feed', { name: 'Conversation' })
    await feed.waitFor()
    const compactions = h.emu.compactRequests().length
    await expect
      .poll(() => feed.locator('article').first().getAttribute('aria-setsize'))
      .toBe(String(2 * TURNS + compactions))
    // Scroll from the top to the first divider; the row above it ends an earlier turn.
    const scroller = page.getByTestId('scroller')
    await scroller.evaluate((el) => (el.scrollTop = 0))
    await expect.poll(() => feed.getByText('Question 1', { exact: true }).isVisible()).toBe(true)
    const divider = page.locator('[data-kind="compacted"]').first()
    for (let n = 0; n < 200 && !(await divider.count()); n++) {
      await scroller.evaluate((el) => (el.scrollTop += el.clientHeight / 2))
      await page.waitForTimeout(30)
    }
    await divider.scrollIntoViewIfNeeded()
    expect(await divider.textContent()).toBe('Earlier messages are summarized for the model')
    const article = divider.locator('xpath=ancestor::article')
    const pos = Number(await article.getAttribute('aria-posinset'))
    expect(pos % 2).toBe(1)
    const above = page.locator(`article[aria-posinset="${pos - 1}"]`)
    expect(await above.textContent()).toContain(`Answer ${(pos - 1) / 2}:`)
    await scroller.evaluate((el) => (el.scrollTop -= el.clientHeight / 3))
    const file = await shot(page, 'chat-compaction')
    expect(fs.existsSync(file)).toBe(true)

    // Compact now: one more divider at the end, the meter says where it came from.
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight))
    await page.getByRole('button', { name: 'Compact now' }).click()
    await expect.poll(() => h.emu.compactRequests().length).toBe(compactions + 1)
    await expect.poll(() => page.locator('[data-kind="compacted"]').last().isVisible()).toBe(true)
    await expect
      .poll(() => feed.locator('article').first().getAttribute('aria-setsize'))
      .toBe(String(2 * TURNS + compactions + 1))
    await expect.poll(() => meter.textContent()).toMatch(/· compacted from \S+k$/)
    await shot(page, 'chat-compaction-now')
    expect(h.pageErrors).toEqual([])
    await page.close()
  }, 180_000)
})

describe.skipIf(!haveChromium)('chat: compact and retry', () => {
  let r: Harness
  beforeAll(async () => {
    r = await startHarness({ settings: { compactAndRetry: false }, emulator: { contextWindow: 1500 } })
  })
  afterAll(async () => {
    await r?.close()
  })

  it('a full context shows "Compact and retry"; it compacts and the message is answered', async () => {
    const page = await r.open()
    const compactRetry = page.getByRole('button', { name: 'Compact and retry' })
    let i = 1
    for (; i <= 30 && !(await compactRetry.count()); i++) {
      r.emu.script({ steps: textAnswer(answer(i)) })
      await send(page, `Question ${i}`)
      await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 15_000 })
      await page.waitForTimeout(50)
    }
    expect(await compactRetry.count()).toBe(1)
    expect(await page.getByRole('alert').textContent()).toMatch(/exceeds the context window/)
    const failed = i - 1
    // The overflowing request consumed no script: the resent message gets the answer scripted for it.
    await compactRetry.click()
    await page.getByText(`Answer ${failed}:`).waitFor({ timeout: 15_000 })
    // More than one when the conversation without the failed message is itself over the window (trimmed).
    expect(r.emu.compactRequests().length).toBeGreaterThanOrEqual(1)
    expect(await page.locator('[data-kind="compacted"]').count()).toBe(1)
    // The resent question is shown once more, below the divider, with its answer.
    expect(await page.getByText(`Question ${failed}`, { exact: true }).count()).toBeGreaterThanOrEqual(1)
    await page.getByTestId('scroller').evaluate((el) => (el.scrollTop = el.scrollHeight))
    await page.waitForTimeout(100)
    await shot(page, 'chat-compact-retry')
    expect(r.pageErrors).toEqual([])
    await page.close()
  }, 120_000)
})
