// Attachments, effort and presets in Chromium (issue 14): paste an image from the clipboard, drop
// a PDF, see thumbnails, send, find them in the transcript after a reload; the effort picker
// changes the next request; a preset's instructions reach the wire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { haveChromium, send, shot, startHarness, type Harness } from './harness'
import { textAnswer } from '../emulator/scripts'
import sharp from 'sharp'
import { AttachmentStore } from '../../main/core/attachments/store'

let h: Harness
const PIRATE = {
  id: 'pirate',
  name: 'Pirate',
  instructions: 'Talk like a pirate.',
  model: 'gpt-5-mini',
  effort: 'high',
}

type Body = {
  input: { role: string; content: Record<string, string>[] }[]
  reasoning: unknown
  instructions: string
  model: string
}
const lastBody = () => h.emu.responsesRequests().at(-1)!.body as Body

/** A real PNG (3000×1500, drawn on a canvas) on the system clipboard, then Ctrl+V in the composer. */
async function pasteImage(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const c = document.createElement('canvas')
    c.width = 3000
    c.height = 1500
    const g = c.getContext('2d')!
    g.fillStyle = '#2b6cb0'
    g.fillRect(0, 0, 3000, 1500)
    g.fillStyle = '#f6e05e'
    g.beginPath()
    g.arc(1500, 750, 600, 0, Math.PI * 2)
    g.fill()
    const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/png'))
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })])
  })
  await page.getByLabel('Message').focus()
  await page.keyboard.press('Control+V')
}

async function dropPdf(page: Page): Promise<void> {
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer()
    d.items.add(new File(['%PDF-1.4\n%%EOF\n'], 'report.pdf', { type: 'application/pdf' }))
    return d
  })
  await page.dispatchEvent('.composer', 'dragover', { dataTransfer: dt })
  await page.dispatchEvent('.composer', 'drop', { dataTransfer: dt })
}

describe.skipIf(!haveChromium)('chat: attachments, effort, presets', () => {
  beforeAll(async () => {
    h = await startHarness({ settings: { presets: [PIRATE] } })
  })
  afterAll(async () => {
    await h?.close()
  })

  it('pastes an image, drops a PDF, shows thumbnails, sends them, and shows them after a reload', async () => {
    const page = await h.open()
    await pasteImage(page)
    await dropPdf(page)
    const strip = page.getByLabel('Attachments to send')
    await strip.locator('img').waitFor({ timeout: 10_000 })
    await strip.locator('.file-chip', { hasText: 'report.pdf' }).waitFor()
    expect(await strip.textContent()).toContain('20 MB each')
    await shot(page, 'attachments-composer')

    h.emu.script({ steps: textAnswer('A yellow circle on blue, and an empty PDF.') })
    await send(page, 'What did I attach?')
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    const parts = lastBody().input.at(-1)!.content
    expect(parts.map((p) => p.type)).toEqual(['input_text', 'input_image', 'input_file'])
    expect(parts[1]!.image_url).toMatch(/^data:image\/png;base64,/)
    expect(parts[2]).toMatchObject({ filename: 'report.pdf' })
    const size = await page.evaluate(async (url) => {
      const img = new Image()
      img.src = url!
      await img.decode()
      return [img.naturalWidth, img.naturalHeight]
    }, parts[1]!.image_url)
    expect(size).toEqual([2048, 1024]) // downscaled in main
    expect(await strip.count()).toBe(0) // sent: the composer is empty again
    await page.locator('.live-turn .msg.user img').waitFor()

    await page.reload()
    await page.getByLabel('Message').waitFor()
    await page
      .getByRole('button', { name: /What did I attach/ })
      .first()
      .click()
    const user = page.locator('.msg.user').first()
    await user.locator('img').waitFor({ timeout: 10_000 })
    expect(await user.locator('img').getAttribute('src')).toMatch(/^data:image\/webp;base64,/)
    expect(await user.locator('.file-chip').textContent()).toContain('report.pdf')
    await shot(page, 'attachments-transcript')
    await user.getByRole('button', { name: /Open Image/ }).click()
    await page.getByRole('dialog', { name: 'Image' }).locator('img').waitFor()
    await shot(page, 'attachments-viewer')
    await page.getByRole('button', { name: 'Close' }).click()
    await page.close()
  })

  it('a pasted image alone is a message: Enter sends it without text', async () => {
    const page = await h.open()
    await page.getByRole('button', { name: 'New chat' }).click()
    const sendButton = page.getByRole('button', { name: 'Send', exact: true })
    expect(await sendButton.isDisabled()).toBe(true)
    await pasteImage(page)
    await page.getByLabel('Attachments to send').locator('img').waitFor({ timeout: 10_000 })
    await expect.poll(() => sendButton.isDisabled()).toBe(false)
    h.emu.script({ steps: textAnswer('A yellow circle on a blue background.') })
    const before = h.emu.responsesRequests().length
    await page.getByLabel('Message').press('Enter')
    await page.getByText('A yellow circle on a blue background.').waitFor({ timeout: 15_000 })
    expect(h.emu.responsesRequests().length).toBe(before + 1)
    // On the wire: the image and no empty text part.
    expect(lastBody().input.at(-1)!.content.map((p) => p.type)).toEqual(['input_image'])
    await page.locator('.live-turn .msg.user img').waitFor()
    // Titled for what it is.
    await expect.poll(() => page.locator('.conv-open').first().textContent()).toContain('Image')
    await shot(page, 'attachments-image-only')
    await page.close()
  })

  it('the effort picker changes the next request', async () => {
    const page = await h.open()
    await page.getByRole('button', { name: 'New chat' }).first().click()
    h.emu.script({ steps: textAnswer('One.') })
    h.emu.script({ steps: textAnswer('Two.') })
    await send(page, 'default effort')
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    expect(lastBody().reasoning).toEqual({ effort: 'medium', summary: 'auto' })
    await page.getByLabel('Reasoning effort').selectOption('xhigh')
    await shot(page, 'effort-picker')
    await send(page, 'think harder')
    await expect.poll(() => h.emu.responsesRequests().length).toBeGreaterThanOrEqual(2)
    await expect.poll(() => (lastBody().reasoning as { effort: string }).effort).toBe('xhigh')
    await page.close()
  })

  it('a preset picked for a new chat applies its instructions, model and effort on the wire', async () => {
    const page = await h.open()
    await page.getByRole('button', { name: 'New chat' }).first().click()
    await page.getByLabel('Assistant').selectOption('pirate')
    h.emu.script({ steps: textAnswer('Arr.') })
    await send(page, 'Hello there')
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    const body = lastBody()
    expect(body.instructions).toBe('Talk like a pirate.')
    expect(body.model).toBe('gpt-5-mini')
    expect(body.reasoning).toEqual({ effort: 'high', summary: 'auto' })
    await page.getByRole('button', { name: /Instructions/ }).click()
    expect(await page.getByRole('textbox', { name: /Instructions for this/ }).inputValue()).toBe(
      'Talk like a pirate.',
    )
    await shot(page, 'instructions-editor')
    await page.getByRole('button', { name: 'Cancel' }).click()
    await page.close()
  })

  it('a preset made in Settings and set as default applies to the next new chat', async () => {
    const page = await h.open()
    await page.getByRole('button', { name: /Settings/ }).click()
    await page.getByRole('button', { name: 'Add preset' }).click()
    const preset = page.getByRole('group', { name: 'Preset 2', exact: true })
    await preset.getByLabel('Name').fill('Reviewer')
    await preset.getByLabel('Instructions').fill('Review code strictly.')
    await page.getByRole('button', { name: 'Save presets' }).click()
    const saved = page.getByRole('group', { name: 'Preset 2', exact: true })
    await expect.poll(() => page.getByRole('button', { name: 'Save presets' }).isDisabled()).toBe(true)
    await saved.getByLabel('Default for new chats').click()
    await expect.poll(() => saved.getByLabel('Default for new chats').isChecked()).toBe(true)
    await saved.scrollIntoViewIfNeeded()
    await shot(page, 'settings-presets')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'New chat' }).first().click()
    expect(await page.getByLabel('Assistant').inputValue()).not.toBe('')
    h.emu.script({ steps: textAnswer('Reviewed.') })
    await send(page, 'Please look at this')
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    expect(lastBody().instructions).toBe('Review code strictly.')
    await page.close()
  })

  it('a capture from the screenshot hotkey lands in the composer', async () => {
    const page = await h.open()
    await page.getByRole('button', { name: 'New chat' }).first().click()
    const png = await sharp(Buffer.alloc(64 * 48 * 3, 0x99), { raw: { width: 64, height: 48, channels: 3 } })
      .png()
      .toBuffer()
    const info = await new AttachmentStore(h.dataDir).put('Screenshot 2026-11-30.png', png)
    h.core.publish({ type: 'attachment_added', attachment: info })
    await page
      .getByLabel('Attachments to send')
      .getByRole('button', { name: /Open Screenshot/ })
      .waitFor()
    await page.getByRole('button', { name: /Remove Screenshot/ }).click()
    await expect.poll(() => page.getByLabel('Attachments to send').count()).toBe(0)
    await page.close()
  })

  it('refuses a file of an unsupported type, judged by content, and says why', async () => {
    const page = await h.open()
    await page.getByRole('button', { name: 'New chat' }).first().click()
    const dt = await page.evaluateHandle(() => {
      const d = new DataTransfer()
      d.items.add(new File([new Uint8Array([0, 1, 2, 3])], 'data.bin'))
      return d
    })
    await page.dispatchEvent('.composer', 'drop', { dataTransfer: dt })
    await page
      .getByRole('alert')
      .filter({ hasText: /data\.bin is not a supported kind of file/ })
      .waitFor()
    await page.close()
  })
})
