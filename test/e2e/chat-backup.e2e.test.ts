// Backup and Restore in Settings (issue 13): back up two conversations, restore into a fresh data
// folder, and see the same conversations there.
import { afterAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { textAnswer } from '../emulator/scripts'
import { haveChromium, send, shot, startHarness, type Harness } from './harness'

const open: Harness[] = []
afterAll(async () => {
  for (const h of open) await h.close()
})

describe.skipIf(!haveChromium)('settings: backup and restore', () => {
  it('backup → restore into a fresh data folder shows the same conversations', async () => {
    const a = await startHarness()
    open.push(a)
    const page = await a.open()
    a.emu.script({ steps: textAnswer('Paris.') })
    a.emu.script({ steps: textAnswer('Blue.') })
    await send(page, 'Capital of France?')
    await page.getByText('Paris.').waitFor()
    await page.getByRole('button', { name: 'New chat' }).click()
    await send(page, 'Colour of the sky?')
    await page.getByText('Blue.').waitFor()
    await page.getByRole('button', { name: /^Settings/ }).click()
    await page.getByRole('button', { name: 'Back up now' }).click()
    const status = page.locator('.backup-status')
    await expect.poll(() => status.textContent()).toMatch(/^Saved 2 conversation\(s\)/)
    const file = await page.getByLabel('Backup file to restore').inputValue()
    expect(fs.existsSync(file)).toBe(true)
    expect(path.dirname(file)).toBe(path.join(a.dataDir, 'backups'))
    const copy = path.join(path.dirname(a.dataDir), `restore-${path.basename(file)}`)
    fs.copyFileSync(file, copy)

    const b = await startHarness()
    open.push(b)
    const fresh = await b.open()
    await fresh.getByRole('button', { name: /^Settings/ }).click()
    await fresh.getByLabel('Backup file to restore').fill(copy)
    await fresh.getByRole('button', { name: 'Restore' }).click()
    await expect
      .poll(() => fresh.locator('.backup-status').textContent())
      .toMatch(/^Restored: 2 conversation\(s\) added, 0 updated/)
    await fresh.locator('.backup-status').scrollIntoViewIfNeeded()
    await shot(fresh, 'backup-restored')
    const sidebar = fresh.locator('.sidebar, nav').first()
    await expect.poll(() => sidebar.textContent()).toContain('Capital of France?')
    expect(await sidebar.textContent()).toContain('Colour of the sky?')
    // Restoring again duplicates nothing.
    await fresh.getByRole('button', { name: 'Restore' }).click()
    await expect
      .poll(() => fresh.locator('.backup-status').textContent())
      .toMatch(/0 conversation\(s\) added, 0 updated, 2 already/)
    fs.rmSync(copy, { force: true })
    expect(a.pageErrors.concat(b.pageErrors)).toEqual([])
  }, 120_000)
})
