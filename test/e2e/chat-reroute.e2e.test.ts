// Reroutes: when another model answers, the conversation shows a distinct notice naming the model
// asked for and the one that answered; it is stored in history and still there after a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveChromium, pacedAnswer, send, shot, startHarness, type Harness } from './harness'

let h: Harness

describe.skipIf(!haveChromium)('chat: reroute notice', () => {
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h?.close()
  })

  it('names the requested and the answering model, live and after a reload', async () => {
    const page = await h.open()
    // The server names the model that answered (`response.headers` in the stream).
    h.emu.script({
      steps: pacedAnswer('This answer came from a different model.', 8, 30, {
        model: 'gpt-5-mini',
        responseHeaders: { 'OpenAI-Model': 'gpt-5-mini' },
      }),
    })
    await send(page, 'Please reroute me')
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    const check = async () => {
      const notice = page.locator('.notice.reroute')
      await expect.poll(() => notice.count()).toBe(1)
      expect(await notice.locator('.notice-title').textContent()).toBe(
        'Answered by gpt-5-mini instead of gpt-5.2',
      )
      expect(await notice.locator('.requested').textContent()).toBe('gpt-5.2')
      expect(await notice.locator('.served').textContent()).toBe('gpt-5-mini')
      await notice.locator('summary').click()
      await expect
        .poll(() => notice.locator('.md').textContent())
        .toMatch(/routed to gpt-5-mini as a fallback/)
    }
    await check()
    await shot(page, 'reroute', false)
    await page.reload()
    await page.getByRole('button', { name: /Please reroute me/ }).click()
    await check()
    // Exactly once: the event and its warning are one notice; history is not a second copy.
    expect(await page.locator('.notice').count()).toBe(1)
    const dark = await h.open({ dark: true })
    await dark.getByRole('button', { name: /Please reroute me/ }).click()
    await dark.locator('.notice.reroute summary').click()
    await shot(dark, 'reroute', true)
    await page.close()
    await dark.close()
  })
})
