// Shared harness for Chromium tests of the chat window: the emulator, the browser host (HostCore +
// web server, as `npm run web` runs it) serving the built renderer, and one Chromium per test
// file. Each test opens its own page; the one-time token is spent by the first.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { HostCore, type HostServices } from '../../main/host/core'
import { browserHostServices } from '../../main/host/web/services'
import { startWebServer, type WebServer } from '../../main/host/web/server'
import type { Logger } from '../../main/core/log'
import { startEmulator, type Emulator } from '../emulator/index'
import { paced, textAnswer } from '../emulator/scripts'
import { nodeTool } from '../../scripts/package-bin.mjs'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const CHROMIUM = '/usr/bin/chromium'
export const SHOTS = path.join(ROOT, 'test-results', 'screenshots')
export const haveChromium = fs.existsSync(CHROMIUM)
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
]

/**
 * Build the renderer once per test run (a marker keyed by this process's parent run) and return a
 * private copy of it: another build (a bench, another suite) may rewrite out/renderer meanwhile.
 */
export function ensureBuilt(): string {
  const marker = path.join(ROOT, 'out', '.e2e-build')
  const stamp = String(process.env.VITEST_RUN_ID ?? process.ppid)
  if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8') !== stamp) {
    const r = spawnSync(...nodeTool('electron-vite', ['build']), { cwd: ROOT, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`)
    fs.writeFileSync(marker, stamp)
  }
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'renderer-'))
  fs.cpSync(path.join(ROOT, 'out/renderer'), copy, { recursive: true })
  return copy
}

export interface Harness {
  emu: Emulator
  core: HostCore
  server: WebServer
  browser: Browser
  context: BrowserContext
  dataDir: string
  logs: string[]
  pageErrors: string[]
  /** A new page on the app, signed in; `dark` emulates the OS dark scheme. */
  open(opts?: { dark?: boolean; hash?: string }): Promise<Page>
  close(): Promise<void>
}

export interface HarnessOptions {
  /** Write settings with onboarding done (default true). */
  onboarded?: boolean
  /** Extra settings to write before the host starts. */
  settings?: Record<string, unknown>
  viewport?: { width: number; height: number }
  /** Emulator options (e.g. models for /models). */
  emulator?: Parameters<typeof startEmulator>[0]
  /** Prepare the data directory (e.g. write history files) before the host starts. */
  seed?: (dataDir: string) => void
  /** Extra Chromium flags (e.g. a fake microphone). */
  chromiumArgs?: string[]
  /** Adjust the host's services (e.g. fake the desktop app's screen capture). */
  services?: (s: HostServices) => HostServices
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const rendererDir = ensureBuilt()
  fs.mkdirSync(SHOTS, { recursive: true })
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-e2e-'))
  if (opts.onboarded !== false || opts.settings)
    fs.writeFileSync(
      path.join(dataDir, 'settings.json'),
      JSON.stringify({ version: 3, onboarded: opts.onboarded !== false, ...opts.settings }),
    )
  opts.seed?.(dataDir)
  const emu = await startEmulator({ apiKey: 'sk-test-emulator', ...opts.emulator })
  const logs: string[] = []
  const logger: Logger = {
    log: (level, message, fields) => logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`),
  }
  const services = browserHostServices({
    dataDir,
    env: {},
    logger,
    version: 'e2e',
    demo: { baseUrl: emu.openaiBase, apiKey: 'sk-test-emulator' },
  })
  const core = new HostCore(opts.services?.(services) ?? services, logger)
  const server = await startWebServer({ core, rendererDir, logger })
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(opts.chromiumArgs ?? [])],
  })
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1200, height: 780 },
    colorScheme: 'light',
    reducedMotion: 'reduce',
  })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
  // tsx (esbuild keepNames) wraps functions passed to page.evaluate in `__name(...)`.
  await context.addInitScript('globalThis.__name = (f) => f')
  const pageErrors: string[] = []
  let tokenSpent = false
  return {
    emu,
    core,
    server,
    browser,
    context,
    dataDir,
    logs,
    pageErrors,
    async open({ dark = false, hash = '' } = {}) {
      const page = await context.newPage()
      page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`))
      page.on('console', (m) => m.type() === 'error' && pageErrors.push(`console: ${m.text()}`))
      if (dark) await page.emulateMedia({ colorScheme: 'dark' })
      if (!tokenSpent) {
        tokenSpent = true
        await page.goto(server.link)
        if (hash) await page.goto(`${server.url}/${hash}`)
      } else await page.goto(`${server.url}/${hash}`)
      await page.getByLabel('Message', { exact: true }).waitFor()
      return page
    },
    async close() {
      await browser.close()
      await server.close()
      await core.close()
      services.dispose()
      await emu.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
      fs.rmSync(rendererDir, { recursive: true, force: true })
    },
  }
}

export function pacedAnswer(
  text: string,
  chunks: number,
  ms: number,
  opts: Parameters<typeof textAnswer>[1] = {},
) {
  return paced(textAnswer(text, { chunks, ...opts }), ms)
}

export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Message', { exact: true })
  await box.fill(text)
  await box.press('Enter')
}

/** Screenshot into test-results/screenshots/<name>-<light|dark>.png. */
export async function shot(page: Page, name: string, dark = false): Promise<string> {
  const file = path.join(SHOTS, `${name}-${dark ? 'dark' : 'light'}.png`)
  await page.screenshot({ path: file })
  return file
}
