// The Screenshot button's picker in Chromium (issue 14). The browser host cannot capture, so the
// desktop app's capture is faked on the host side: two screens' worth of sources with drawn
// previews; picking a window by keyboard puts its full-size capture in the composer, Escape
// cancels, and a window that closed in the meantime is explained.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { haveChromium, shot, startHarness, type Harness } from './harness'
import { SOURCE_GONE } from '../../main/app/screenshot'

let h: Harness
const captured: string[] = []

const png = (w: number, h: number, rgb: [number, number, number]) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } })
    .png()
    .toBuffer()
    .then((b) => new Uint8Array(b))

describe.skipIf(!haveChromium)('chat: screenshot picker', () => {
  beforeAll(async () => {
    const sources = [
      {
        id: 'screen:1:0',
        name: 'Entire screen',
        kind: 'screen' as const,
        thumbnail: await png(320, 200, [40, 90, 160]),
      },
      {
        id: 'window:7:0',
        name: 'Editor — notes.txt',
        kind: 'window' as const,
        thumbnail: await png(320, 180, [230, 200, 60]),
      },
      {
        id: 'window:9:0',
        name: 'Closed meanwhile',
        kind: 'window' as const,
        thumbnail: await png(200, 200, [60, 160, 90]),
      },
    ]
    const full = await png(1600, 900, [230, 200, 60])
    h = await startHarness({
      services: (s) => ({
        ...s,
        capabilities: { ...s.capabilities, screenshots: true },
        captureSources: {
          list: async () => sources,
          capture: async (id) => {
            captured.push(id)
            if (id === 'window:9:0') throw new Error(SOURCE_GONE)
            return { name: 'Screenshot 2026-11-30-10-20-30.png', png: full }
          },
        },
      }),
    })
  })
  afterAll(async () => {
    expect(h.pageErrors).toEqual([])
    await h.close()
  })

  it('lists screens and windows, picks a window by keyboard, Escape cancels', async () => {
    const page = await h.open()
    await page.getByRole('button', { name: 'New chat' }).first().click()
    await page.getByRole('button', { name: 'Screenshot' }).click()
    const picker = page.getByRole('dialog', { name: 'Choose what to capture' })
    await picker.waitFor()
    await expect.poll(() => picker.locator('img').count()).toBe(3)
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Screen: Entire screen')
    await shot(page, 'screenshot-picker')
    await page.keyboard.press('Escape')
    await expect.poll(() => picker.count()).toBe(0)
    expect(captured).toEqual([])

    await page.getByRole('button', { name: 'Screenshot' }).click()
    await picker.waitFor()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await page
      .getByLabel('Attachments to send')
      .getByRole('button', { name: /Open Screenshot/ })
      .waitFor()
    expect(captured).toEqual(['window:7:0'])
    await expect.poll(() => picker.count()).toBe(0)
    await page.close()
  })

  it('explains a window that closed after the list was shown', async () => {
    const page = await h.open()
    await page.getByRole('button', { name: 'New chat' }).first().click()
    await page.getByRole('button', { name: 'Screenshot' }).click()
    await page.getByRole('button', { name: 'Window: Closed meanwhile' }).click()
    await page.getByRole('alert').filter({ hasText: 'no longer available' }).waitFor()
    await page.close()
  })
})
