// The chat window and the quick window (always on top, opened by the global shortcut). Closing the
// chat window destroys it; answers keep streaming in main, and a reopened window attaches and gets
// the running turns replayed. The quick window only hides. A new window appears on
// 'ready-to-show' (no white flash); an existing one shows at once.
import { BrowserWindow } from 'electron'
import type { BridgeEvent } from '@shared/bridge'
import type { Logger } from '../core/log'
import type { HostCore } from '../host/core'
import { sinkIdOf } from './ipc'

export type WindowKind = 'chat' | 'quick'

export interface WindowDeps {
  preloadPath: string
  /** The page URL for a kind (app://renderer/index.html, #quick for the quick window). */
  pageUrl: (kind: WindowKind) => string
  core: HostCore
  logger: Logger
  /** The chat window closed (app.ts quits here when closeToTray is off: the hidden quick window would keep the app alive). */
  onChatClosed?: () => void
}

export class Windows {
  private chat: BrowserWindow | null = null
  private quick: BrowserWindow | null = null
  private readonly ids = new Set<number>()
  /** Events for a window whose page has not attached yet, in order. */
  private readonly pending = new Map<string, BridgeEvent[]>()
  quitting = false

  constructor(private readonly deps: WindowDeps) {}

  isOurWindow = (webContentsId: number): boolean => this.ids.has(webContentsId)

  showChat(): BrowserWindow {
    if (!this.chat || this.chat.isDestroyed()) return (this.chat = this.create('chat'))
    if (this.chat.isMinimized()) this.chat.restore()
    this.chat.show()
    this.chat.focus()
    return this.chat
  }

  toggleQuick(): void {
    if (this.quick && !this.quick.isDestroyed() && this.quick.isVisible()) {
      this.quick.hide()
      return
    }
    if (!this.quick || this.quick.isDestroyed()) this.quick = this.create('quick')
    else {
      this.quick.show()
      this.quick.focus()
    }
  }

  /** The voice hotkey: show the quick window and toggle its voice session. */
  voice(): void {
    if (!this.quick || this.quick.isDestroyed()) this.quick = this.create('quick')
    else {
      this.quick.show()
      this.quick.focus()
    }
    this.deliver(this.quick, { type: 'navigate', conversationId: null, view: 'voice' })
  }

  /**
   * The push-to-talk hotkey went down or up. The quick window shows without taking focus: the
   * user is talking over whatever app they are in, and keeps typing there afterwards.
   */
  pushToTalk(state: 'down' | 'up' | 'press'): void {
    if (state !== 'up') {
      if (!this.quick || this.quick.isDestroyed()) this.quick = this.create('quick', { inactive: true })
      else if (!this.quick.isVisible()) this.quick.showInactive()
    }
    if (this.quick && !this.quick.isDestroyed()) this.deliver(this.quick, { type: 'push_to_talk', state })
  }

  private deliver(win: BrowserWindow, event: BridgeEvent): void {
    const sinkId = sinkIdOf(win.webContents.id)
    if (this.deps.core.fanout.sendTo(sinkId, event)) return
    const queue = this.pending.get(sinkId) ?? []
    // A page that never attaches must not collect events forever.
    if (queue.length < 32) queue.push(event)
    this.pending.set(sinkId, queue)
  }

  /** Show the chat window on a conversation (a notification or the tray asked). */
  navigate(conversationId: string | null, view: 'chat' | 'settings' = 'chat'): void {
    this.deliver(this.showChat(), { type: 'navigate', conversationId, view })
  }

  /** Called when a page attached: deliver the events that were waiting for it. */
  attached(sinkId: string): void {
    const events = this.pending.get(sinkId)
    if (!events) return
    this.pending.delete(sinkId)
    for (const event of events) this.deps.core.fanout.sendTo(sinkId, event)
  }

  anyFocused(): boolean {
    return BrowserWindow.getFocusedWindow() !== null
  }

  private create(kind: WindowKind, opts: { inactive?: boolean } = {}): BrowserWindow {
    const quick = kind === 'quick'
    const win = new BrowserWindow({
      ...(quick
        ? {
            width: 560,
            height: 420,
            alwaysOnTop: true,
            skipTaskbar: true,
            resizable: true,
            minimizable: false,
            maximizable: false,
          }
        : { width: 1100, height: 760, minWidth: 520, minHeight: 400 }),
      show: false,
      title: 'Assistant',
      backgroundColor: '#16181c',
      autoHideMenuBar: true,
      webPreferences: {
        preload: this.deps.preloadPath, // eng-disable PRELOAD_JS_CHECK: our single CJS bridge (preload/index.ts), reviewed
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        disableBlinkFeatures: 'Auxclick',
      },
    })
    const id = win.webContents.id
    const sinkId = sinkIdOf(id)
    this.ids.add(id)
    // A reload or navigation starts a new page: it must attach again (and get the replay then).
    win.webContents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) this.deps.core.detach(sinkId)
    })
    win.webContents.on('destroyed', () => {
      this.ids.delete(id)
      this.pending.delete(sinkId)
      this.deps.core.detach(sinkId)
    })
    const reveal = () => (opts.inactive ? win.showInactive() : win.show())
    win.once('ready-to-show', reveal)
    // A page that fails to load never gets ready-to-show: show the window anyway, never a hidden app.
    win.webContents.on('did-fail-load', (_e, code, _desc, _url, isMainFrame) => {
      // -3 (ERR_ABORTED) is a navigation replaced by another, not a failure.
      if (isMainFrame && code !== -3 && !win.isDestroyed() && !win.isVisible()) reveal()
    })
    if (quick) {
      win.on('blur', () => win.hide())
      win.on('close', (e) => {
        if (this.quitting) return
        e.preventDefault()
        win.hide()
      })
    } else {
      win.on('closed', () => {
        if (this.chat === win) this.chat = null
        if (!this.quitting) this.deps.onChatClosed?.()
      })
    }
    win
      .loadURL(this.deps.pageUrl(kind))
      .catch((e: Error) => this.deps.logger.log('error', 'page failed to load', { kind, error: e.message }))
    return win
  }
}
