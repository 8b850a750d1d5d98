// The whole Electron host (main/app/app.ts startApp) run against the electron stub: the first
// window does not wait for the system proxy and appears on 'ready-to-show'; closeToTray off quits
// when the chat window closes even after the quick window was opened; quit stops the turns before
// the tray goes; Windows gets its AppUserModelID first; the menu has no Reload/DevTools when packaged.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_SETTINGS } from '@shared/bridge'

type Stub = typeof import('../stubs/electron')
let electron: Stub
let dataDir: string
const env = { ...process.env }

beforeEach(async () => {
  // A fresh stub and a fresh app module per test: startApp registers app-wide listeners.
  vi.resetModules()
  electron = await import('../stubs/electron')
  electron.stub.reset()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-lifecycle-'))
  process.env.ASSISTANT_DATA_DIR = dataDir
  delete process.env.ELECTRON_RENDERER_URL
  process.env.OPENAI_API_KEY = 'sk-test'
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
})
afterEach(() => {
  vi.restoreAllMocks()
  process.env = { ...env }
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function start(settings?: object) {
  if (settings)
    fs.writeFileSync(
      path.join(dataDir, 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }),
    )
  const { startApp } = await import('../../main/app/app')
  startApp()
  await vi.waitFor(() => expect(electron.stub.windows.length).toBeGreaterThan(0))
  return electron.stub.windows[0]!
}

const chatUrl = 'app://renderer/index.html'

describe('Electron host lifecycle (stub)', () => {
  it('opens the first window without waiting for the system proxy, showing it on ready-to-show', async () => {
    electron.stub.resolveProxy = () => new Promise(() => undefined) // a PAC lookup that never answers
    const chat = await start()
    expect(electron.stub.calls).toContain('session.resolveProxy')
    expect(chat.url).toBe(chatUrl)
    // Not shown before its first paint (no white flash) …
    expect(electron.stub.calls.filter((c) => c.startsWith('window.show'))).toEqual([])
    chat.emit('ready-to-show')
    // … and shown once then.
    expect(electron.stub.calls.filter((c) => c.startsWith('window.show'))).toEqual([`window.show:${chatUrl}`])
  })

  it('a page that fails to load still shows its window', async () => {
    const chat = await start()
    chat.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', chatUrl, true)
    chat.webContents.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', 'https://x/', false)
    expect(chat.visible).toBe(false)
    chat.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', chatUrl, true)
    expect(chat.visible).toBe(true)
  })

  it('closeToTray off: closing the chat window quits, even with the quick window opened', async () => {
    const chat = await start({ closeToTray: false })
    chat.emit('ready-to-show')
    electron.stub.trayMenu!.find((i) => i.label === 'Quick window')!.click!()
    const quick = electron.stub.windows[1]!
    expect(quick.url).toBe(`${chatUrl}#quick`)
    quick.emit('ready-to-show')
    quick.hide()
    chat.close()
    expect(electron.stub.calls).toContain('app.quit')
  })

  it('closeToTray on (the default): closing the chat window keeps the app in the tray', async () => {
    const chat = await start()
    chat.close()
    expect(electron.stub.calls).not.toContain('app.quit')
  })

  it('quit: the turns are closed before the tray goes, then the app quits', async () => {
    await start()
    let prevented = false
    electron.app.emit('will-quit', { preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
    // The engine closes asynchronously; the tray must still be there until it has.
    expect(electron.stub.calls).not.toContain('tray.destroy')
    await vi.waitFor(() => expect(electron.stub.calls).toContain('app.quit'))
    const calls = electron.stub.calls
    expect(calls.indexOf('tray.destroy')).toBeLessThan(calls.indexOf('app.quit'))
    // The second will-quit (from that app.quit) lets the process end.
    let again = false
    electron.app.emit('will-quit', { preventDefault: () => (again = true) })
    expect(again).toBe(false)
  })

  it('packaged: the application menu has the Edit roles and no Reload or DevTools', async () => {
    electron.app.isPackaged = true
    await start()
    const roles = JSON.stringify(electron.stub.appMenu)
    for (const role of ['undo', 'copy', 'paste', 'selectAll']) expect(roles).toContain(`"role":"${role}"`)
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) expect(roles).not.toContain(`"${role}"`)
  })

  it('in development the menu has Reload and DevTools', async () => {
    electron.app.isPackaged = false
    await start()
    const roles = JSON.stringify(electron.stub.appMenu)
    for (const role of ['reload', 'toggleDevTools']) expect(roles).toContain(`"role":"${role}"`)
  })

  it('Windows: the AppUserModelID is set before the app is ready, so before any notification', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!
    Object.defineProperty(process, 'platform', { value: 'win32' })
    try {
      const { startApp } = await import('../../main/app/app')
      startApp()
      expect(electron.stub.calls[0]).toBe('app.setAppUserModelId:dev.desktop-assistant.app')
    } finally {
      Object.defineProperty(process, 'platform', platform)
    }
    await vi.waitFor(() => expect(electron.stub.windows.length).toBeGreaterThan(0))
  })
})
