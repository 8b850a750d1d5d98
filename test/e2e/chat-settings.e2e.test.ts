// Settings and first-run onboarding: every control saves through the host and survives a reload;
// the browser host says plainly that it has no secret store.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveChromium, shot, startHarness, type Harness } from './harness'

let h: Harness

describe.skipIf(!haveChromium)('chat: settings and onboarding', () => {
  beforeAll(async () => {
    h = await startHarness({ onboarded: false })
  })
  afterAll(async () => {
    await h?.close()
  })

  it('first run: onboarding in the empty chat, then the empty state', async () => {
    const dark = await h.open({ dark: true })
    await dark.getByRole('heading', { name: 'Welcome' }).waitFor()
    await shot(dark, 'onboarding', true)
    await dark.close()
    const page = await h.open()
    await page.getByRole('heading', { name: 'Welcome' }).waitFor()
    expect(await page.getByRole('radio', { name: /OpenAI API key/ }).isChecked()).toBe(true)
    await shot(page, 'onboarding', false)
    await page.getByRole('button', { name: 'Start chatting' }).click()
    await page.getByRole('heading', { name: 'How can I help?' }).waitFor()
    await shot(page, 'empty', false)
    const settings = JSON.parse(fs.readFileSync(path.join(h.dataDir, 'settings.json'), 'utf8'))
    expect(settings.onboarded).toBe(true)
    await page.close()
    const dark2 = await h.open({ dark: true })
    await dark2.getByRole('heading', { name: 'How can I help?' }).waitFor()
    await shot(dark2, 'empty', true)
    await dark2.close()
  })

  it('round-trips every setting through the host and a reload', async () => {
    const page = await h.open()
    await page.keyboard.press('Control+,')
    const panel = page.getByRole('region', { name: 'Settings' })
    await panel.waitFor()
    await shot(page, 'settings', false)
    // Controls show the saved value: click, then wait for the host's answer.
    const sse = panel.getByRole('radio', { name: 'HTTP (SSE)' })
    await sse.click()
    await expect.poll(() => sse.isChecked()).toBe(true)
    const compress = panel.getByRole('checkbox', { name: /Compress requests/ })
    await compress.click()
    await expect.poll(() => compress.isChecked()).toBe(false)
    await panel.getByRole('combobox', { name: 'Default model' }).selectOption('gpt-5-mini')
    await panel.getByRole('radio', { name: 'Dark' }).click()
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await panel.getByRole('combobox', { name: 'Proxy' }).selectOption('none')
    // Custom provider: needs a URL before it is saved.
    await panel.getByRole('radio', { name: /Custom base URL/ }).click()
    const base = panel.getByRole('textbox', { name: 'Base URL' })
    await base.fill('http://127.0.0.1:11434/v1')
    await base.press('Enter')
    await expect
      .poll(() => JSON.parse(fs.readFileSync(path.join(h.dataDir, 'settings.json'), 'utf8')).provider)
      .toEqual({ kind: 'custom', baseUrl: 'http://127.0.0.1:11434/v1' })
    const onDisk = JSON.parse(fs.readFileSync(path.join(h.dataDir, 'settings.json'), 'utf8'))
    expect(onDisk).toMatchObject({ transport: 'sse', compression: false, model: 'gpt-5-mini', theme: 'dark' })
    expect(onDisk.proxy.mode).toBe('none')
    // ChatGPT sign-in in the browser host: no secret store, said plainly; import is disabled.
    await panel.getByRole('radio', { name: /ChatGPT sign-in/ }).click()
    await expect.poll(() => panel.getByText(/browser host has no secret store/).count()).toBe(1)
    expect(await panel.getByRole('button', { name: 'Import codex CLI sign-in' }).isDisabled()).toBe(true)
    // Hotkeys show their registration status.
    expect(await panel.locator('.hotkey.unsupported').first().textContent()).toBe(
      'Global shortcuts need the desktop app.',
    )
    // Reload: everything is as saved.
    await page.reload()
    await page.getByRole('button', { name: 'Settings' }).click()
    const again = page.getByRole('region', { name: 'Settings' })
    expect(await again.getByRole('radio', { name: 'HTTP (SSE)' }).isChecked()).toBe(true)
    expect(await again.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true)
    expect(await again.getByRole('radio', { name: /ChatGPT sign-in/ }).isChecked()).toBe(true)
    expect(await again.getByRole('checkbox', { name: /Compress requests/ }).isChecked()).toBe(false)
    expect(await again.getByRole('combobox', { name: 'Default model' }).inputValue()).toBe('gpt-5-mini')
    await shot(page, 'settings', true)
    // Back to the OS theme for the next test's pages.
    await again.getByRole('radio', { name: 'Follow the system' }).click()
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined()
    // Esc closes settings.
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('region', { name: 'Settings' }).count()).toBe(0)
    await page.close()
    expect(h.pageErrors).toEqual([])
  })
})
