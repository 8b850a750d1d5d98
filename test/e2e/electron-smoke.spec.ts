// The real Electron app through Playwright's _electron, on the emulator: it opens with only
// `window.assistant` in the page, streams an answer, copies a code block to the OS clipboard,
// sets a push-to-talk key in Settings and reads its status, and a chat window closed mid-answer
// reopens with the whole answer. Runs wherever Electron's runtime is installed or installable
// (this spec runs Electron's installer once); on a headless Linux it starts Xvfb (as xvfb-run
// would). Where no runtime can be had it skips with one line saying why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core'
import { startEmulator, type Emulator } from '../emulator/index'
import { textAnswer } from '../emulator/scripts'
import { electronBinary } from '../../scripts/electron-binary.mjs'
import { binEntry } from '../../scripts/package-bin.mjs'
import { ensureBuilt, pacedAnswer, send } from './harness'

const ROOT = path.resolve(import.meta.dirname, '../..')
const CODE = 'export const twice = (x: number) => x * 2'

/** The runtime, installing it if it is missing; or why there is none. */
function findRuntime(): { bin: string } | { reason: string } {
  const bin = electronBinary()
  if (bin) return { bin }
  const r = spawnSync(process.execPath, [binEntry('electron', 'install-electron')], {
    encoding: 'utf8',
    timeout: 600_000,
  })
  const installed = electronBinary()
  if (installed) return { bin: installed }
  const why = (r.stderr || r.error?.message || 'no output')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('at '))
  return {
    reason: `no Electron runtime here: node_modules/electron has none and its installer failed (${why})`,
  }
}

/** A display for Electron on a headless Linux: Xvfb on a free display number. */
async function startXvfb(): Promise<{ display: string; proc: ChildProcess } | { reason: string }> {
  const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  })
  return new Promise((resolve) => {
    let out = ''
    proc.on('error', () => resolve({ reason: 'headless Linux without Xvfb (apt-get install xvfb)' }))
    proc.on('exit', (code) => resolve({ reason: `Xvfb exited (${code})` }))
    proc.stdio[3]!.on('data', (c: Buffer) => {
      out += c.toString()
      if (out.includes('\n')) resolve({ display: `:${out.trim()}`, proc })
    })
  })
}

let skipReason: string | null = null
let app: ElectronApplication
let page: Page
let emu: Emulator
let xvfb: ChildProcess | undefined

beforeAll(async () => {
  const runtime = findRuntime()
  if ('reason' in runtime) {
    skipReason = runtime.reason
    return
  }
  let display = process.env.DISPLAY
  if (process.platform === 'linux' && !display && !process.env.WAYLAND_DISPLAY) {
    const x = await startXvfb()
    if ('reason' in x) {
      skipReason = x.reason
      return
    }
    xvfb = x.proc
    display = x.display
  }
  ensureBuilt()
  emu = await startEmulator()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-smoke-'))
  fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ version: 3, onboarded: true }))
  app = await electron.launch({
    executablePath: runtime.bin,
    // Chromium refuses to run as root without --no-sandbox (CI containers); the page stays sandboxed.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT],
    env: {
      ...process.env,
      ...(display ? { DISPLAY: display } : {}),
      ASSISTANT_DATA_DIR: dataDir,
      OPENAI_API_KEY: 'sk-test-emulator',
      OPENAI_BASE_URL: emu.openaiBase,
    },
  })
  page = await app.firstWindow()
}, 900_000)

afterAll(async () => {
  // The one line a reader of the run sees for the skipped flows.
  if (skipReason) console.info(`electron-smoke skipped: ${skipReason}`)
  await app?.close()
  await emu?.close()
  xvfb?.kill()
})

describe('Electron app (smoke)', () => {
  it('opens on the app origin with only window.assistant, and streams an answer', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason)
    expect(page.url()).toBe('app://renderer/index.html')
    expect(await page.evaluate(() => Object.keys(window.assistant ?? {}).sort())).toEqual([
      'onEvent',
      'query',
      'submit',
    ])
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
    emu.script({ steps: textAnswer('Hello from the desktop app.', { chunks: 5 }) })
    await send(page, 'Hello desktop')
    await expect
      .poll(() => page.locator('.msg.assistant .text').last().textContent(), { timeout: 20_000 })
      .toBe('Hello from the desktop app.')
    expect(JSON.stringify(emu.responsesRequests().at(-1)?.body)).toContain('Hello desktop')
    const caps = await page.evaluate(() => window.assistant!.query('host.capabilities', {}))
    expect(caps).toMatchObject({ host: 'electron', tray: true, hotkeys: true })
  })

  it('copies a code block: the OS clipboard holds the code (clipboard-sanitized-write allowed)', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason)
    emu.script({ steps: textAnswer(`Here:\n\n\`\`\`ts\n${CODE}\n\`\`\`\n`, { chunks: 4 }) })
    await send(page, 'Some code please')
    const answer = page.locator('.msg.assistant .text').last()
    await answer.locator('.code-block').waitFor({ timeout: 20_000 })
    await answer.getByRole('button', { name: 'Copy' }).click()
    await expect.poll(() => answer.getByRole('button', { name: 'Copied' }).count()).toBe(1)
    expect(await app.evaluate(({ clipboard }) => clipboard.readText())).toBe(CODE)
  })

  it('Settings: a push-to-talk key is registered and its status shows', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason)
    await page.keyboard.press('Control+,')
    const panel = page.getByRole('region', { name: 'Settings' })
    await panel.waitFor()
    const key = panel.getByRole('textbox', { name: 'Push to talk (hold)' })
    await key.fill('F9')
    await key.press('Tab')
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
    await expect.poll(() => panel.locator('#hotkey-pushToTalk-status').textContent()).toBe(ptt.message)
    await page.keyboard.press('Escape')
  })

  it('a chat window closed while an answer streams reopens with the whole answer', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason)
    const full = 'one two three four five six seven eight nine ten eleven twelve'
    emu.script({ steps: pacedAnswer(full, 12, 250) })
    await send(page, 'Stream slowly please')
    await expect
      .poll(async () => ((await page.locator('.msg.assistant .text').last().textContent()) ?? '').length, {
        timeout: 10_000,
      })
      .toBeGreaterThan(3)
    // Close the chat window as the user would; the app stays in the tray (closeToTray) and streams on.
    await app.evaluate(({ BrowserWindow }) => {
      for (const w of BrowserWindow.getAllWindows()) if (!w.webContents.getURL().endsWith('#quick')) w.close()
    })
    const reopened = app.waitForEvent('window')
    await app.evaluate(({ app: a }) => a.emit('activate'))
    page = await reopened
    await expect
      .poll(() => page.locator('.msg.assistant .text').allTextContents(), { timeout: 20_000 })
      .toContain(full)
    expect(await page.locator('.msg.assistant .text').allTextContents()).toEqual(
      expect.arrayContaining([full]),
    )
    // Whole, not doubled: the replay rebuilt the answer once.
    expect(
      (await page.locator('.msg.assistant .text').allTextContents()).filter((t) => t === full),
    ).toHaveLength(1)
  })
})
