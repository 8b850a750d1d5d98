// Errors: a failed turn is shown where it happened, in plain words, with Retry; retrying sends the
// same question again and nothing typed in the composer is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveChromium, pacedAnswer, send, shot, startHarness, type Harness } from './harness'

let h: Harness

describe.skipIf(!haveChromium)('chat: error and retry', () => {
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h?.close()
  })

  it('shows the error inline with Retry, keeps the draft, and the retry answers', async () => {
    const page = await h.open()
    h.emu.script({
      status: 400,
      body: {
        error: {
          message: 'The model does not exist.',
          type: 'invalid_request_error',
          code: null,
          param: null,
        },
      },
    })
    await send(page, 'Break please')
    const error = page.locator('.live-turn .msg.error')
    await error.waitFor({ timeout: 10_000 })
    expect(await error.locator('.error-title').textContent()).toMatch(/rejected|failed/)
    expect(await error.locator('.error-detail').textContent()).toContain('The model does not exist.')
    // Typed while the error shows: must survive the retry.
    await page.getByLabel('Message').fill('my unsent draft')
    await shot(page, 'error', false)
    h.emu.script({ steps: pacedAnswer('Worked the second time.', 4, 10) })
    await error.getByRole('button', { name: 'Retry' }).click()
    await expect
      .poll(() => page.locator('.msg.assistant .text').last().textContent(), { timeout: 10_000 })
      .toBe('Worked the second time.')
    expect(await page.getByLabel('Message').inputValue()).toBe('my unsent draft')
    const bodies = h.emu.responsesRequests().map((r) => JSON.stringify(r.body))
    expect(bodies.at(-1)).toContain('Break please')
    // The failed turn stays in the conversation (from history after a reload), with Retry.
    await page.reload()
    await page.getByRole('button', { name: /Break please/ }).click()
    await expect.poll(() => page.locator('.msg.error').count()).toBe(1)
    expect(await page.locator('.msg.error').getByRole('button', { name: 'Retry' }).count()).toBe(1)
    // The draft belongs to the conversation and survived the reload.
    expect(await page.getByLabel('Message').inputValue()).toBe('my unsent draft')
    await page.close()
  })
})
