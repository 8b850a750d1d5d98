// Backup and Restore in Settings (issue 13): back up two conversations, restore into a fresh data
// folder by choosing the archive in the page (browser host: its bytes go over the socket, no path),
// and see the same conversations there; a file over the socket's limit is refused in the page.
import { afterAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
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
    const folder = path.join(a.dataDir, 'backups')
    const made = fs.readdirSync(folder).filter((f) => f.endsWith('.tar.gz'))
    expect(made).toHaveLength(1)
    const file = path.join(folder, made[0]!)
    expect(await status.textContent()).toContain(file)
    const copy = path.join(path.dirname(a.dataDir), `restore-${path.basename(file)}`)
    fs.copyFileSync(file, copy)

    const b = await startHarness()
    open.push(b)
    const fresh = await b.open()
    await fresh.getByRole('button', { name: /^Settings/ }).click()
    await expect.poll(() => fresh.getByText(/of at most 20 MB/).count()).toBe(1)
    await fresh.getByLabel('Backup file to restore').setInputFiles(copy)
    await fresh.getByRole('button', { name: 'Restore', exact: true }).click()
    await expect
      .poll(() => fresh.locator('.backup-status').textContent())
      .toMatch(/^Restored: 2 conversation\(s\) added, 0 updated/)
    await fresh.locator('.backup-status').scrollIntoViewIfNeeded()
    await shot(fresh, 'backup-restored')
    const sidebar = fresh.locator('.sidebar, nav').first()
    await expect.poll(() => sidebar.textContent()).toContain('Capital of France?')
    expect(await sidebar.textContent()).toContain('Colour of the sky?')
    // Restoring again duplicates nothing.
    await fresh.getByRole('button', { name: 'Restore', exact: true }).click()
    await expect
      .poll(() => fresh.locator('.backup-status').textContent())
      .toMatch(/0 conversation\(s\) added, 0 updated, 2 already/)
    // The temp file the host restored from is gone.
    expect(fs.readdirSync(path.join(b.dataDir, 'backups'))).toEqual([])
    // Over the socket's limit: refused in the page with the limit named; nothing is sent.
    await fresh.getByLabel('Backup file to restore').setInputFiles({
      name: 'huge.tar.gz',
      mimeType: 'application/gzip',
      buffer: Buffer.alloc(21 * 1024 * 1024 + 1),
    })
    await expect
      .poll(() => fresh.locator('.backup-status').textContent())
      .toMatch(
        /^That file is 22 MB; a backup restored from this page may be at most 20 MB. Run "assistant restore FILE"/,
      )
    expect(await fresh.getByRole('button', { name: 'Restore', exact: true }).isDisabled()).toBe(true)
    await shot(fresh, 'backup-too-large')
    fs.rmSync(copy, { force: true })
    expect(a.pageErrors.concat(b.pageErrors)).toEqual([])
  }, 120_000)

  it('a long backup shows what it does and how far it is', async () => {
    // 48 MB of incompressible attachments: long enough for the bar to be seen.
    const h = await startHarness({
      seed: (d) => {
        fs.mkdirSync(path.join(d, 'attachments', 'big'), { recursive: true })
        for (let i = 0; i < 3; i++)
          fs.writeFileSync(path.join(d, 'attachments', 'big', `part-${i}.bin`), randomBytes(16 * 1024 * 1024))
      },
    })
    open.push(h)
    const page = await h.open()
    await page.getByRole('button', { name: /^Settings/ }).click()
    await page.getByRole('button', { name: 'Back up now' }).click()
    const bar = page.locator('.backup-progress')
    await bar.waitFor()
    await expect
      .poll(() => bar.textContent())
      .toMatch(/^(Reading files \(checksums\)|Writing the archive): \d+%$/)
    await bar.scrollIntoViewIfNeeded()
    await shot(page, 'backup-progress')
    const fraction = Number(await bar.locator('progress').getAttribute('value'))
    expect(fraction).toBeGreaterThanOrEqual(0)
    expect(fraction).toBeLessThanOrEqual(1)
    // Done: the bar goes, the summary names the attachments.
    await expect
      .poll(() => page.locator('.backup-status').textContent(), { timeout: 60_000 })
      .toMatch(/^Saved 0 conversation\(s\)/)
    expect(await bar.count()).toBe(0)
    expect(await page.locator('.backup-status').textContent()).toMatch(/3 attachment/)
    expect(h.pageErrors).toEqual([])
  }, 120_000)
})
