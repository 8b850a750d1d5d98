// Languages (issue 16): the Settings language switch re-renders the UI in Chinese and Spanish
// without a reload, under the real CSP (no eval), and a chat reads in each locale: words from the
// catalogs, numbers and reset times in the locale's formats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { haveChromium, pacedAnswer, shot, startHarness, type Harness } from './harness'
import { rateLimitsEvent } from '../emulator/scripts'

let h: Harness

async function chat(page: Page, text: string, answer: string) {
  const now = Math.floor(Date.now() / 1000)
  h.emu.script({
    steps: [
      rateLimitsEvent({
        meteredLimitName: null,
        primary: { used_percent: 85, window_minutes: 300, reset_at: now + 2 * 3600 + 14 * 60 + 10 },
        secondary: { used_percent: 12.4, window_minutes: 10080, reset_at: now + 3 * 86400 + 4 * 3600 + 10 },
      }),
      ...pacedAnswer(answer, 4, 20, { usage: { input_tokens: 12_000, output_tokens: 345 } }),
    ],
  })
  const box = page.locator('textarea').first()
  await box.fill(text)
  await box.press('Enter')
  await page.getByText(answer).waitFor({ timeout: 10_000 })
}

async function pickLanguage(page: Page, settingsName: RegExp, value: string) {
  await page.getByRole('button', { name: settingsName }).click()
  await page.getByTestId('language-select').selectOption(value)
}

describe.skipIf(!haveChromium)('languages', () => {
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h?.close()
  })

  it('switches English → 中文 → Español in Settings without a reload; chats read in each', async () => {
    const page = await h.open()
    await page.evaluate(() => {
      ;(window as unknown as { __sameDocument: boolean }).__sameDocument = true
      ;(window as unknown as { __csp: string[] }).__csp = []
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __csp: string[] }).__csp.push(e.violatedDirective),
      )
    })
    // The browser's languages (en-US here) pick English.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    await chat(page, 'Hello there', 'Hello! How can I help today?')
    await expect
      .poll(() => page.getByTestId('usage-meter').first().textContent())
      .toContain('resets in 2 h 14 min')
    await shot(page, 'i18n-chat-en')

    await pickLanguage(page, /^Settings/, 'zh-CN')
    await page.getByRole('heading', { name: '设置' }).waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN')
    await expect.poll(() => page.getByText('语言', { exact: true }).count()).toBeGreaterThan(0)
    await shot(page, 'i18n-settings-zh')
    await page.getByRole('button', { name: '关闭设置' }).click()
    await chat(page, '你好', '你好！今天有什么可以帮你？')
    const meter = page.getByTestId('usage-meter').first()
    await expect.poll(() => meter.textContent()).toContain('2 小时 14 分钟后重置')
    expect(await page.getByTestId('context-meter').textContent()).toMatch(/^上下文 1.2万 \/ 38万/)
    expect(await meter.getAttribute('title')).toMatch(/^重置时间：/)
    expect(await page.getByRole('button', { name: /^新对话/ }).count()).toBe(1)
    await shot(page, 'i18n-chat-zh')

    await pickLanguage(page, /^设置/, 'es')
    await page.getByRole('heading', { name: 'Ajustes' }).waitFor()
    await shot(page, 'i18n-settings-es')
    await page.getByRole('button', { name: 'Cerrar ajustes' }).click()
    await chat(page, 'Hola', '¡Hola! ¿En qué te ayudo hoy?')
    await expect.poll(() => meter.textContent()).toContain('se restablece en 2 h 14 min')
    expect(await page.getByTestId('context-meter').textContent()).toMatch(/^Contexto 12,3\smil de 380\smil/)
    expect(await meter.getAttribute('aria-valuetext')).toMatch(/^85\s%\susado/)
    await shot(page, 'i18n-chat-es')

    // Back to the system language; still the same document, and nothing broke the CSP.
    await pickLanguage(page, /^Ajustes/, 'system')
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true)
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([])
    expect(h.pageErrors).toEqual([])
    await page.close()
  })

  it('with the setting on `system`, follows the browser languages on load', async () => {
    for (const [languages, newChat, lang] of [
      [['es-MX', 'en'], /^Nuevo chat/, 'es'],
      [['zh-Hans-CN'], /^新对话/, 'zh-CN'],
      [['zh-TW', 'fr'], /^New chat/, 'en'],
    ] as const) {
      const page = await h.context.newPage()
      await page.addInitScript(
        `Object.defineProperty(navigator, 'languages', { get: () => ${JSON.stringify(languages)} })`,
      )
      await page.goto(`${h.server.url}/`)
      await page.getByRole('button', { name: newChat }).waitFor()
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang)
      await page.close()
    }
    expect(h.pageErrors).toEqual([])
  })
})
