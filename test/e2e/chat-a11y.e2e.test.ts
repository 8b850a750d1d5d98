// Accessibility: an axe-core scan of the main views (empty state, onboarding, a conversation with
// code, a reroute notice and an error, settings, diagnostics, the quick window) in light and dark,
// with zero serious or critical violations; every main action is reachable from the keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveChromium, pacedAnswer, send, startHarness, type Harness } from './harness'
import { scan } from './axe'

let h: Harness
describe.skipIf(!haveChromium)('chat: accessibility', () => {
  beforeAll(async () => {
    h = await startHarness({ onboarded: false })
  })
  afterAll(async () => {
    await h?.close()
  })

  it('has no serious or critical axe violations in the main views, light and dark', async () => {
    const found: string[] = []
    for (const dark of [false, true]) {
      const tag = dark ? 'dark' : 'light'
      const page = await h.open({ dark })
      if (!dark) {
        await page.getByRole('heading', { name: 'Welcome' }).waitFor()
        found.push(...(await scan(page, `onboarding ${tag}`)))
        await page.getByRole('button', { name: 'Skip' }).click()
        await page.getByRole('heading', { name: 'How can I help?' }).waitFor()
        found.push(...(await scan(page, `empty ${tag}`)))
        h.emu.script(
          {
            steps: pacedAnswer('Here:\n\n```js\nconst a = 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |', 4, 10, {
              model: 'gpt-5-mini',
              responseHeaders: { 'OpenAI-Model': 'gpt-5-mini' },
            }),
          },
          {
            status: 400,
            body: { error: { message: 'Nope.', type: 'invalid_request_error', code: null, param: null } },
          },
        )
        await send(page, 'Code please')
        await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 10_000 })
        await send(page, 'Now fail')
        await page.locator('.live-turn .msg.error').waitFor({ timeout: 10_000 })
      } else {
        await page.getByRole('button', { name: /Code please/ }).click()
        await page.locator('.msg.error').waitFor()
      }
      await page.locator('.hljs-keyword').first().waitFor()
      found.push(...(await scan(page, `conversation ${tag}`)))
      await page.getByRole('button', { name: 'Diagnostics' }).click()
      await page.locator('[data-testid=diag-turn]').first().waitFor()
      found.push(...(await scan(page, `diagnostics ${tag}`)))
      await page.getByRole('button', { name: 'Settings' }).click()
      await page.getByRole('region', { name: 'Settings' }).waitFor()
      found.push(...(await scan(page, `settings ${tag}`)))
      await page.close()
      const quick = await h.open({ dark, hash: '#quick' })
      found.push(...(await scan(quick, `quick window ${tag}`)))
      await quick.close()
    }
    expect(found).toEqual([])
  })

  it('reaches the main actions from the keyboard with a visible focus ring', async () => {
    const page = await h.open()
    // Ctrl+K jumps to search; Shift+Tab from there reaches New chat, with a focus outline.
    await page.keyboard.press('Control+k')
    await page.keyboard.press('Shift+Tab')
    const first = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement
      return { text: el.textContent?.trim(), outline: getComputedStyle(el).outlineStyle }
    })
    expect(first.text).toBe('New chat')
    expect(first.outline).not.toBe('none')
    // Shortcuts: Ctrl+N new chat focuses the composer; Ctrl+, settings; Esc closes.
    await page.keyboard.press('Control+n')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Message')
    await page.keyboard.press('Control+,')
    await page.getByRole('region', { name: 'Settings' }).waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('region', { name: 'Settings' }).count()).toBe(0)
    // Every button and field in the window has an accessible name.
    const unnamed = await page.evaluate(
      () =>
        [...document.querySelectorAll('button, input, select, textarea')].filter(
          (el) =>
            !(
              el.getAttribute('aria-label') ||
              (el as HTMLElement).innerText?.trim() ||
              (el as HTMLInputElement).labels?.length
            ),
        ).length,
    )
    expect(unnamed).toBe(0)
    // Roles: the history is a feed, the streaming answer a polite live region.
    await page.getByRole('button', { name: /Code please/ }).click()
    await expect
      .poll(() => page.locator('[role=feed][aria-label=Conversation] article').count())
      .toBeGreaterThan(0)
    await page.close()
  })
})
