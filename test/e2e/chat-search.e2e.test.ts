// The sidebar: newest first, search over titles and message text (done in main), rename, and
// delete with undo (the file goes only after the undo window).
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { haveChromium, pacedAnswer, send, startHarness, type Harness } from './harness'

let h: Harness

async function ask(page: Page, q: string, a: string) {
  await page.getByRole('button', { name: 'New chat' }).click()
  h.emu.script({ steps: pacedAnswer(a, 2, 5) })
  await send(page, q)
  await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 10_000 })
}

const titles = (page: Page) => page.locator('.conv-title').allTextContents()

describe.skipIf(!haveChromium)('chat: sidebar search, rename, delete', () => {
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h?.close()
  })

  it('lists newest first and finds conversations by title and by answer text', async () => {
    const page = await h.open()
    await ask(page, 'Plan a trip to Lisbon', 'Walk through Alfama and eat pastel de nata.')
    await ask(page, 'Fix my regex', 'Use a non-greedy quantifier like .*? here.')
    await ask(page, 'Weekly groceries', 'Eggs, rice, and a ZEBRA-striped cake.')
    await expect
      .poll(() => titles(page))
      .toEqual(['Weekly groceries', 'Fix my regex', 'Plan a trip to Lisbon'])
    const search = page.getByRole('searchbox', { name: 'Search conversations' })
    await search.fill('zebra')
    await expect.poll(() => titles(page)).toEqual(['Weekly groceries'])
    expect(await page.locator('.conv-snippet').textContent()).toContain('ZEBRA-striped cake')
    await search.fill('regex')
    await expect.poll(() => titles(page)).toEqual(['Fix my regex'])
    await search.fill('nothing like this')
    await expect.poll(() => page.getByText('No conversation matches.').count()).toBe(1)
    // Ctrl+K focuses search; Escape clears it.
    await page.getByLabel('Message').focus()
    await page.keyboard.press('Control+k')
    expect(await search.evaluate((e) => e === document.activeElement)).toBe(true)
    await search.press('Escape')
    await expect.poll(() => titles(page)).toHaveLength(3)
    // Open a result: its messages load.
    await page.getByRole('button', { name: /Plan a trip to Lisbon/ }).click()
    await expect.poll(() => page.locator('.msg.assistant .text').last().textContent()).toContain('Alfama')
    await page.close()
  })

  it('renames with F2 and deletes with undo', async () => {
    const page = await h.open()
    const item = page.getByRole('button', { name: /Fix my regex/ })
    await item.focus()
    await page.keyboard.press('F2')
    const field = page.getByRole('textbox', { name: 'New title' })
    await field.fill('Regex help')
    await field.press('Enter')
    await expect.poll(() => titles(page)).toContain('Regex help')
    // Delete, then undo: it comes back and nothing was removed.
    // The row's actions show on hover and on keyboard focus.
    await page.locator('.conv', { hasText: 'Regex help' }).hover()
    await page.getByRole('button', { name: 'Delete “Regex help”' }).click()
    await expect.poll(() => titles(page)).not.toContain('Regex help')
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => titles(page)).toContain('Regex help')
    // Delete for real (after the undo window the file is gone).
    const files = () => fs.readdirSync(path.join(h.dataDir, 'conversations')).length
    const before = files()
    await page.getByRole('button', { name: /Regex help/ }).focus()
    await page.keyboard.press('Delete')
    await expect.poll(() => page.getByRole('button', { name: 'Undo' }).count()).toBe(1)
    await expect.poll(files, { timeout: 12_000 }).toBe(before - 1)
    await expect.poll(() => titles(page)).toEqual(['Weekly groceries', 'Plan a trip to Lisbon'])
    await page.close()
  })
})
