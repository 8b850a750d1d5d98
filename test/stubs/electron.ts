// A stand-in for the `electron` module in Node tests (vitest aliases `electron` to this file).
// It records what main code asked for and lets tests steer the environment through `stub`
// (keyring availability, shortcuts other programs hold, notifications shown).
import { EventEmitter } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

type Handler = (...args: any[]) => any

export const stub = {
  userData: mkdtempSync(join(tmpdir(), 'electron-stub-')),
  safeStorage: { available: true, backend: 'gnome_libsecret' as string },
  /** Accelerators "another program" holds: register() returns false for them. */
  takenShortcuts: new Set<string>(),
  registeredShortcuts: new Map<string, () => void>(),
  notifications: [] as StubNotification[],
  notificationsSupported: true,
  openedExternal: [] as string[],
  exposed: new Map<string, unknown>(),
  switches: [] as [string, string | undefined][],
  /** What the app did, in order ('app.quit', 'tray.destroy', 'window.show:chat', …), for lifecycle tests. */
  calls: [] as string[],
  /** The OS refuses notifications (unsigned macOS builds): show() emits 'failed'. */
  notificationsFail: false,
  windows: [] as BrowserWindow[],
  appMenu: null as unknown,
  /** The tray's context menu template (Menu.buildFromTemplate returns the template here). */
  trayMenu: null as { label?: string; click?: () => void }[] | null,
  /** session.resolveProxy's answer; tests replace it (e.g. with a promise that never settles). */
  resolveProxy: (_url: string): Promise<string> => Promise.resolve('DIRECT'),
  /** dialog.showOpenDialog: what it was asked (parent window or null, options) and what it answers. */
  openDialogs: [] as { parent: BrowserWindow | null; options: any }[],
  openDialogAnswer: { canceled: true, filePaths: [] as string[] },
  focusedWindow: null as BrowserWindow | null,
  reset(): void {
    this.safeStorage.available = true
    this.safeStorage.backend = 'gnome_libsecret'
    this.takenShortcuts.clear()
    this.registeredShortcuts.clear()
    this.notifications.length = 0
    this.notificationsSupported = true
    this.openedExternal.length = 0
    this.exposed.clear()
    this.switches.length = 0
    this.calls.length = 0
    this.notificationsFail = false
    this.windows.length = 0
    this.appMenu = null
    this.trayMenu = null
    this.resolveProxy = () => Promise.resolve('DIRECT')
    this.openDialogs.length = 0
    this.openDialogAnswer = { canceled: true, filePaths: [] }
    this.focusedWindow = null
    ipcMain.handlers.clear()
    ipcMain.listeners.clear()
  },
}

const appEvents = new EventEmitter()
const paths = new Map<string, string>()
export const app = {
  getPath: (name: string) => paths.get(name) ?? stub.userData,
  setPath: (name: string, value: string) => void paths.set(name, value),
  getVersion: () => '0.0.0-test',
  getName: () => 'assistant-test',
  whenReady: () => Promise.resolve(),
  isReady: () => true,
  on: (event: string, fn: Handler) => appEvents.on(event, fn),
  once: (event: string, fn: Handler) => appEvents.once(event, fn),
  emit: (event: string, ...args: unknown[]) => appEvents.emit(event, ...args),
  isPackaged: false,
  quit: () => void stub.calls.push('app.quit'),
  exit: (code = 0) => void stub.calls.push(`app.exit:${code}`),
  setAppUserModelId: (id: string) => void stub.calls.push(`app.setAppUserModelId:${id}`),
  requestSingleInstanceLock: () => true,
  commandLine: { appendSwitch: (name: string, value?: string) => void stub.switches.push([name, value]) },
}

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  listeners: new Map<string, Handler[]>(),
  handle(channel: string, fn: Handler) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, fn)
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel)
  },
  on(channel: string, fn: Handler) {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), fn])
    return this
  },
}

export const ipcRenderer = {
  invoke: async (_channel: string, ..._args: unknown[]): Promise<unknown> => {
    throw new Error('stub ipcRenderer: tests inject their own')
  },
  on: () => ipcRenderer,
  removeListener: () => ipcRenderer,
  sendSync: () => ({ defaultCwd: stub.userData, appVersion: '0.0.0-test' }),
}

export const contextBridge = {
  exposeInMainWorld: (key: string, api: unknown) => void stub.exposed.set(key, api),
}

export const shell = {
  openExternal: async (url: string) => void stub.openedExternal.push(url),
  openPath: async () => '',
}

const PREFIX = 'stub-encrypted:'
export const safeStorage = {
  isEncryptionAvailable: () => stub.safeStorage.available,
  getSelectedStorageBackend: () => stub.safeStorage.backend,
  // Reversible but not plain: tests check the plaintext never reaches the file.
  encryptString: (s: string) => {
    if (!stub.safeStorage.available) throw new Error('Encryption is not available.')
    return Buffer.from(PREFIX + Buffer.from(s, 'utf8').toString('hex').split('').reverse().join(''))
  },
  decryptString: (b: Buffer) => {
    const text = b.toString('utf8')
    if (!text.startsWith(PREFIX))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    return Buffer.from(text.slice(PREFIX.length).split('').reverse().join(''), 'hex').toString('utf8')
  },
}

export const globalShortcut = {
  register(accelerator: string, fn: () => void): boolean {
    if (/[^\w+\-=[\]\\;',./`!@#$%^&*():<>?~{}|"]/.test(accelerator))
      throw new TypeError(`conversion failure from ${accelerator}`)
    if (stub.takenShortcuts.has(accelerator) || stub.registeredShortcuts.has(accelerator)) return false
    stub.registeredShortcuts.set(accelerator, fn)
    return true
  },
  unregister(accelerator: string) {
    stub.registeredShortcuts.delete(accelerator)
  },
  unregisterAll() {
    stub.registeredShortcuts.clear()
  },
}

export class StubNotification extends EventEmitter {
  static isSupported = () => stub.notificationsSupported
  shown = false
  constructor(readonly options: { title: string; body: string }) {
    super()
  }
  show() {
    stub.calls.push('notification.show')
    stub.notifications.push(this)
    if (stub.notificationsFail) return void this.emit('failed', {}, 'the app is not signed')
    this.shown = true
    this.emit('show', {})
  }
  close() {
    this.emit('close')
  }
}
export { StubNotification as Notification }

let nextContentsId = 1
export class BrowserWindow extends EventEmitter {
  static getFocusedWindow = () => stub.focusedWindow
  static getAllWindows = () => stub.windows.filter((w) => !w.destroyed)
  webContents = Object.assign(new EventEmitter(), {
    id: nextContentsId++,
    send: () => undefined,
    isDestroyed: () => this.destroyed,
  })
  visible = false
  destroyed = false
  url = ''
  constructor(readonly options: any = {}) {
    super()
    stub.windows.push(this)
  }
  loadURL = async (url: string) => void (this.url = url)
  show = () => {
    stub.calls.push(`window.show:${this.url}`)
    this.visible = true
  }
  showInactive = () => {
    stub.calls.push(`window.showInactive:${this.url}`)
    this.visible = true
  }
  hide = () => void (this.visible = false)
  focus = () => undefined
  restore = () => undefined
  isMinimized = () => false
  isVisible = () => this.visible
  isDestroyed = () => this.destroyed
  /** Like the user closing it: 'close' (preventable), then 'closed' and the page goes. */
  close = () => {
    let prevented = false
    this.emit('close', { preventDefault: () => (prevented = true) })
    if (prevented) return
    this.destroyed = true
    this.visible = false
    this.emit('closed')
    this.webContents.emit('destroyed')
  }
}

export class Tray extends EventEmitter {
  setToolTip = () => undefined
  setImage = () => undefined
  setContextMenu = (menu: any) => void (stub.trayMenu = menu)
  destroy = () => void stub.calls.push('tray.destroy')
}
export const Menu = {
  buildFromTemplate: (t: unknown) => t,
  setApplicationMenu: (m: unknown) => void (stub.appMenu = m),
}
export const dialog = {
  showOpenDialog: async (a: any, b?: any) => {
    const [parent, options] = b === undefined ? [null, a] : [a, b]
    stub.openDialogs.push({ parent, options })
    return stub.openDialogAnswer
  },
}
export const nativeImage = { createFromBitmap: () => ({}), createEmpty: () => ({}) }
export const protocol = { registerSchemesAsPrivileged: () => undefined, handle: () => undefined }
export const net = { fetch: async () => new Response('') }
export const systemPreferences = {
  askForMediaAccess: async () => true,
  isTrustedAccessibilityClient: () => true,
}
export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: () => undefined },
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
    setDevicePermissionHandler: () => undefined,
    resolveProxy: (url: string) => {
      stub.calls.push('session.resolveProxy')
      return stub.resolveProxy(url)
    },
  },
}

export default {
  app,
  ipcMain,
  ipcRenderer,
  contextBridge,
  shell,
  safeStorage,
  globalShortcut,
  Notification: StubNotification,
  BrowserWindow,
  Tray,
  Menu,
  nativeImage,
  protocol,
  net,
  systemPreferences,
  session,
}
