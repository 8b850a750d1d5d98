// The custom provider's own key (issue 11, finding 4), in Chromium through the browser host: the
// field appears for the custom provider, a key entered there is kept for that server, the chat
// answers with it, and moving the base URL to another server shows that it has no key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveChromium, shot, startHarness, type Harness } from './harness'
import { textAnswer } from '../emulator/scripts'

let h: Harness

describe.skipIf(!haveChromium)('settings: a key for the custom provider', () => {
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h?.close()
  })

  it('enters a key for the custom server, chats with it, and a new server gets none', async () => {
    const page = await h.open()
    await page.keyboard.press('Control+,')
    const panel = page.getByRole('region', { name: 'Settings' })
    await panel.waitFor()
    await panel.getByRole('radio', { name: /Custom base URL/ }).click()
    const base = panel.getByRole('textbox', { name: 'Base URL' })
    await base.fill(h.emu.openaiBase)
    await base.press('Enter')
    const status = panel.getByTestId('custom-key-status')
    await expect.poll(() => status.textContent()).toMatch(/No key for this server/)
    // The OpenAI key field is not offered for a custom server.
    expect(await panel.getByTestId('key-status').count()).toBe(0)
    await panel.getByLabel('Custom provider key').fill('sk-test-emulator')
    await panel.getByRole('button', { name: 'Save key' }).click()
    const origin = new URL(h.emu.openaiBase).origin
    await expect.poll(() => status.textContent()).toContain(`A key is set for ${origin}.`)
    expect(await panel.getByLabel('Custom provider key').inputValue()).toBe('')
    await shot(page, 'settings-custom-key')

    await page.keyboard.press('Escape')
    h.emu.script({ steps: textAnswer('Answered with the custom key.') })
    await page.getByLabel('Message').fill('hello custom server')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByText('Answered with the custom key.').count()).toBe(1)
    const auth = h.emu.responsesRequests().at(-1)?.headers.authorization
    expect(auth).toBe('Bearer sk-test-emulator')

    // Another server: the key stays with the first one.
    await page.keyboard.press('Control+,')
    const base2 = panel.getByRole('textbox', { name: 'Base URL' })
    await base2.fill('http://localhost:9/v1')
    await base2.press('Enter')
    await expect
      .poll(() => status.textContent())
      .toMatch(`The stored key is for ${origin}; this server has none.`)
    await shot(page, 'settings-custom-key-moved')
    await page.close()
    expect(h.pageErrors).toEqual([])
  })
})
