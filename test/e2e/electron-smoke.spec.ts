// Smoke test of the real Electron app through Playwright's _electron: it opens, a message goes to
// the emulator, the answer shows, and the page has only `window.assistant`. Where no Electron
// binary is installed (this machine: its download is blocked) it skips with a one-line reason.
import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { _electron as electron } from 'playwright-core'
import { startEmulator } from '../emulator/index'
import { textAnswer } from '../emulator/scripts'
import { electronBinary } from '../../scripts/electron-binary.mjs'
import { nodeTool } from '../../scripts/package-bin.mjs'

const ROOT = path.resolve(import.meta.dirname, '../..')

describe('Electron app (smoke)', () => {
  it('opens, sends a message to the emulator and shows the answer', async (ctx) => {
    const bin = electronBinary()
    if (!bin) {
      ctx.skip(
        'no Electron runtime installed (node_modules/electron has no binary; its download is blocked here)',
      )
      return
    }
    const build = spawnSync(...nodeTool('electron-vite', ['build']), { cwd: ROOT, encoding: 'utf8' })
    expect(build.status, build.stderr).toBe(0)
    const emu = await startEmulator()
    emu.script({ steps: textAnswer('Hello from the desktop app.', { chunks: 5 }) })
    const app = await electron.launch({
      executablePath: bin,
      args: [path.join(ROOT, 'out/main/index.js')],
      env: {
        ...process.env,
        ASSISTANT_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'electron-smoke-')),
        OPENAI_API_KEY: 'sk-test-emulator',
        OPENAI_BASE_URL: emu.openaiBase,
      },
    })
    try {
      const page = await app.firstWindow()
      expect(page.url()).toBe('app://renderer/index.html')
      // The sandboxed page sees the bridge and nothing of Node or Electron.
      expect(await page.evaluate(() => Object.keys(window.assistant ?? {}).sort())).toEqual([
        'onEvent',
        'query',
        'submit',
      ])
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      )
      await page.getByLabel('Message').fill('Hello desktop')
      await page.getByLabel('Message').press('Enter')
      await expect
        .poll(() => page.locator('.msg.assistant .text').last().textContent(), { timeout: 20_000 })
        .toBe('Hello from the desktop app.')
      expect(JSON.stringify(emu.responsesRequests().at(-1)?.body)).toContain('Hello desktop')
      const caps = await page.evaluate(() => window.assistant!.query('host.capabilities', {}))
      expect(caps).toMatchObject({ host: 'electron', tray: true, hotkeys: true })

      // Push to talk: the key-hook utility process starts (hold) or the shortcut falls back with a reason.
      await page.evaluate(() => window.assistant!.query('settings.set', { hotkeys: { pushToTalk: 'F9' } }))
      await expect
        .poll(async () => {
          const all = await page.evaluate(() => window.assistant!.query('hotkeys.status', {}))
          return all.find((s) => s.action === 'pushToTalk')?.accelerator
        })
        .toBe('F9')
      const all = await page.evaluate(() => window.assistant!.query('hotkeys.status', {}))
      const ptt = all.find((s) => s.action === 'pushToTalk')!
      expect(ptt.state).toBe('registered')
      expect(typeof ptt.hold).toBe('boolean')
      if (ptt.hold === false) expect(ptt.message).toMatch(/press to talk, press again to send \(.+\)/)
    } finally {
      await app.close()
      await emu.close()
    }
  })
})
