// The browser host in Chromium (playwright-core, Debian chromium): the built renderer behind the
// token, a foreign page refused, an op round trip to the emulator, unavailable desktop features
// shown as such, and a page reloaded mid-answer getting the whole answer back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import http from 'node:http'
import { spawnSync } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { HostCore } from '../../main/host/core'
import { browserHostServices } from '../../main/host/web/services'
import { startWebServer, type WebServer } from '../../main/host/web/server'
import type { Logger } from '../../main/core/log'
import { startEmulator, type Emulator } from '../emulator/index'
import { CHROMIUM_ARGS, pacedAnswer } from './harness'
import { nodeTool } from '../../scripts/package-bin.mjs'

const ROOT = path.resolve(import.meta.dirname, '../..')
const CHROMIUM = '/usr/bin/chromium'
const SHOTS = path.join(ROOT, 'test-results', 'web-host')
const ARGS = CHROMIUM_ARGS
const haveChromium = fs.existsSync(CHROMIUM)

let emu: Emulator
let server: WebServer
let core: HostCore
let browser: Browser
let context: BrowserContext
const logLines: string[] = []
const pageErrors: string[] = []

async function openPage(): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(`console: ${m.text()}`))
  return page
}

describe.skipIf(!haveChromium)('browser host in Chromium', () => {
  beforeAll(async () => {
    // The host serves the built renderer: build it (about a second).
    const build = spawnSync(...nodeTool('electron-vite', ['build']), { cwd: ROOT, encoding: 'utf8' })
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`)
    fs.mkdirSync(SHOTS, { recursive: true })
    emu = await startEmulator()
    const logger: Logger = {
      log: (level, message, fields) => logLines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`),
    }
    const services = browserHostServices({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'web-e2e-')),
      env: {},
      logger,
      version: 'e2e',
      demo: { baseUrl: emu.openaiBase, apiKey: 'sk-test-emulator' },
    })
    core = new HostCore(services, logger)
    server = await startWebServer({ core, rendererDir: path.join(ROOT, 'out/renderer'), logger })
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })
    context = await browser.newContext({ viewport: { width: 1200, height: 800 }, colorScheme: 'light' })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await core?.close()
    await emu?.close()
  })

  it('refuses the page without the token (403)', async () => {
    const page = await openPage()
    expect((await page.goto(`${server.url}/`))?.status()).toBe(403)
    expect((await page.goto(`${server.url}/?token=not-the-token`))?.status()).toBe(403)
    await page.close()
  })

  it('serves the app with the token, round-trips an op to the engine and streams the answer', async () => {
    const page = await openPage()
    const res = await page.goto(server.link)
    expect(res?.status()).toBe(200)
    expect(page.url()).toBe(`${server.url}/`) // the token left the address bar
    await expect.poll(() => page.locator('.badge.demo').textContent()).toBe('Demo')
    emu.script({ steps: pacedAnswer('The browser host carried this answer.', 6, 30) })
    await page.getByLabel('Message').fill('Hello from Chromium')
    await page.getByLabel('Message').press('Enter')
    const answer = page.locator('.msg.assistant .text').last()
    await expect
      .poll(() => answer.textContent(), { timeout: 15_000 })
      .toBe('The browser host carried this answer.')
    expect(JSON.stringify(emu.responsesRequests().at(-1)?.body)).toContain('Hello from Chromium')
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1)
    await page.screenshot({ path: path.join(SHOTS, 'chat.png') })
    await page.close()
  })

  it('refuses a foreign page that holds the session cookie (wrong Origin)', async () => {
    // Cookies ignore ports, so a page on another local port sends ours along: only the Origin check stops it.
    const foreign = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(`<script>
        const ws = new WebSocket('ws://127.0.0.1:${server.port}/bridge');
        ws.onopen = () => (window.result = 'open');
        ws.onclose = (e) => (window.result = window.result ?? 'closed:' + e.code);
      </script>`)
    })
    await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r))
    const page = await openPage()
    try {
      await page.goto(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`)
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { result?: string }).result))
        .toBe('closed:1006')
      expect(logLines.some((l) => l.includes('refused a WebSocket') && l.includes('foreign Origin'))).toBe(
        true,
      )
    } finally {
      await page.close()
      foreign.close()
    }
    pageErrors.length = 0 // the foreign page's failed socket is expected noise
  })

  it('shows tray, shortcuts and notifications as unavailable, not broken', async () => {
    const page = await openPage()
    await page.goto(`${server.url}/`)
    await page.getByRole('button', { name: 'Settings' }).click()
    const features = page.locator('.features li')
    await expect
      .poll(() => features.allTextContents())
      .toEqual(['Tray: unavailable', 'Global shortcuts: unavailable', 'Notifications: unavailable'])
    await expect.poll(() => page.getByText(/need the desktop app; the browser host has none/).count()).toBe(1)
    await expect
      .poll(() => page.locator('.hotkey.unsupported').first().textContent())
      .toBe('Global shortcuts need the desktop app.')
    await expect.poll(() => page.getByTestId('key-status').textContent()).toMatch(/A key is set \(demo\)/)
    await page.getByRole('button', { name: 'Test connection' }).click()
    await expect
      .poll(() => page.locator('.settings [role=status]').textContent())
      .toMatch(/^Reached 127\.0\.0\.1:\d+ directly/)
    await page.screenshot({ path: path.join(SHOTS, 'settings.png') })
    await page.close()
  })

  it('a page reloaded mid-answer gets the whole running answer back', async () => {
    const page = await openPage()
    await page.goto(`${server.url}/`)
    const full = 'one two three four five six seven eight nine ten eleven twelve'
    emu.script({ steps: pacedAnswer(full, 12, 150) })
    await page.getByLabel('Message').fill('Stream slowly please')
    await page.getByLabel('Message').press('Enter')
    const answer = page.locator('.msg.assistant .text').last()
    await expect
      .poll(async () => ((await answer.textContent()) ?? '').length, { timeout: 10_000 })
      .toBeGreaterThan(5)
    await page.reload()
    // After the reload: the question (from history) and the answer, rebuilt from the replay, once.
    await expect
      .poll(() => page.locator('.msg.assistant .text').allTextContents(), { timeout: 15_000 })
      .toEqual([full])
    await expect
      .poll(() => page.locator('.msg.user .text').allTextContents())
      .toEqual(['Stream slowly please'])
    await page.screenshot({ path: path.join(SHOTS, 'after-reload.png') })
    await page.close()
  })

  it('shows a dark theme and leaves no page errors or CSP violations', async () => {
    const page = await openPage()
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto(`${server.url}/`)
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.screenshot({ path: path.join(SHOTS, 'settings-dark.png') })
    await page.close()
    expect(pageErrors).toEqual([])
  })
})
