// The Electron host: wires the shared HostCore to windows, IPC, tray, global shortcuts,
// notifications, electron-store settings and safeStorage secrets. Decisions live in the small
// pure modules next to this file; this one only connects them.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, globalShortcut, ipcMain, Notification, session, systemPreferences } from 'electron'
import type { Capabilities } from '@shared/bridge'
import type { AttachmentInfo } from '@shared/attachments'
import { streamLogger, type Logger } from '../core/log'
import { ProxyAgents } from '../core/net/proxy'
import { HostCore } from '../host/core'
import { providerFor, type EngineSpec } from '../host/engine-factory'
import { ruleFromSettings, testConnection } from '../host/proxy-test'
import { secretTokenStore } from '../host/secrets'
import { SettingsService } from '../host/settings-service'
import { HotkeyRegistrar } from './hotkeys'
import { KeyHoldHook } from './key-hold/hook'
import { holdUnavailableReason } from './key-hold/support'
import { spawnUtilityHook } from './key-hold/utility-spawn'
import { inProcessHook } from './key-hold/in-process'
import { bindIpc } from './ipc'
import { Notifier } from './notifications'
import { isWaylandSession } from './platform'
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol'
import { SafeSecretStore } from './secret-store'
import { hardenContents, secureSession } from './security'
import { originOf } from './sender-check'
import { ElectronStoreBackend } from './settings-store'
import { systemProxyRule } from './system-proxy'
import { AppTray } from './tray'
import { installAppMenu } from './app-menu'
import { APP_ID } from './identity'
import { Shutdown } from './shutdown'
import { trayStateFor } from './tray-icon'
import { Windows } from './windows'
import { captureScreen, captureSource, listCaptureSources } from './screenshot'
import { pickBackupFile } from './backup-dialog'
import { electronCaptureDeps } from './screenshot-electron'
import { readMcpSecrets } from '../host/mcp-secrets'
import { systemLocales } from './system-locales'
import { electronLaunchGate } from './mcp-launch-dialog'

export function startApp(): void {
  const logger = streamLogger(
    (l) => process.stderr.write(l + '\n'),
    process.env.ASSISTANT_VERBOSE ? 'debug' : 'info',
  )
  // Tests and portable setups point the app at another profile directory.
  if (process.env.ASSISTANT_DATA_DIR) app.setPath('userData', process.env.ASSISTANT_DATA_DIR)
  // Global shortcuts on Wayland only work through the desktop portal.
  if (isWaylandSession(process.env, process.platform))
    app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal')
  registerAppScheme()
  // Windows shows notifications only for an app with an AppUserModelID (set before any is shown).
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID)
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  const devUrl = process.env.ELECTRON_RENDERER_URL
  const appOrigins = [APP_ORIGIN, ...(devUrl ? [originOf(devUrl) ?? ''] : [])]
  const isAppUrl = (url: string) => appOrigins.includes(originOf(url) ?? '')
  app.on('web-contents-created', (_e, contents) => hardenContents(contents, isAppUrl, logger))
  app
    .whenReady()
    .then(() => ready({ logger, devUrl, appOrigins, isAppUrl }))
    .catch((e: Error) => {
      logger.log('error', 'startup failed', { error: e.message })
      app.quit()
    })
}

interface Ctx {
  logger: Logger
  devUrl: string | undefined
  appOrigins: string[]
  isAppUrl: (url: string) => boolean
}

async function ready({ logger, devUrl, appOrigins, isAppUrl }: Ctx): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url))
  serveRenderer(path.join(here, '../renderer'))
  installAppMenu(Boolean(devUrl) || !app.isPackaged)
  secureSession(session.defaultSession, isAppUrl, logger)

  const userData = app.getPath('userData')
  const settings = new SettingsService(new ElectronStoreBackend(userData), logger)
  const secrets = new SafeSecretStore(settings, logger, {
    cwd: userData,
    envApiKey: process.env.OPENAI_API_KEY?.trim() || null,
  })
  const systemProxy = systemProxyRule((url) => session.defaultSession.resolveProxy(url), logger)
  const agents = new ProxyAgents(ruleFromSettings(settings.get().proxy, systemProxy, logger))
  const wayland = isWaylandSession(process.env, process.platform)
  const registrar = new HotkeyRegistrar(globalShortcut, {
    wayland,
    hold: {
      // macOS: in main, where the Cocoa run loop is; elsewhere in a utility process (see key-hold/).
      hook: new KeyHoldHook(
        () =>
          process.platform === 'darwin' ? inProcessHook() : spawnUtilityHook(path.join(here, 'key-hook.js')),
        logger,
      ),
      platform: process.platform,
      unavailable: () =>
        holdUnavailableReason({
          platform: process.platform,
          wayland,
          display: process.env.DISPLAY,
          macTrusted:
            process.platform === 'darwin' ? systemPreferences.isTrustedAccessibilityClient(false) : null,
        }),
    },
    onChange: (status) => core.publish({ type: 'hotkeys_changed', status }),
  })

  const mcpLaunch = electronLaunchGate(userData, logger)
  const engineSpec = (): EngineSpec => ({
    settings: settings.get(),
    apiKey: secrets.get('openai_api_key'),
    customKey: secrets.get('custom_api_key'),
    tokenStore: secretTokenStore(secrets),
    dataDir: userData,
    agent: agents.agentFor,
    logger,
    ...(process.env.OPENAI_BASE_URL ? { baseUrlOverride: process.env.OPENAI_BASE_URL } : {}),
    missingKeyHint: 'Add one in Settings; it is stored encrypted by your OS keychain.',
    mcpSecrets: readMcpSecrets(secrets),
    mcpLaunch,
  })
  const baseUrl = () => providerFor(engineSpec()).baseUrl
  // Warm the system proxy lookup for the provider while the first window loads (never awaited).
  void Promise.resolve()
    .then(() => systemProxy(new URL(baseUrl())))
    .catch(() => undefined)

  const notificationsOk = Notification.isSupported()
  const capabilities: Capabilities = {
    host: 'electron',
    platform: process.platform,
    version: app.getVersion(),
    demo: false,
    tray: true,
    hotkeys: true,
    notifications: notificationsOk,
    unavailableReason: notificationsOk ? null : 'This desktop does not support notifications.',
    screenshots: true,
    restoreFrom: 'picker',
    systemLocales: systemLocales(app),
  }
  const core = new HostCore(
    {
      capabilities,
      settings,
      secrets,
      hotkeys: () => registrar.status(),
      proxyTest: async (proxy) => {
        const chosen = proxy ?? settings.get().proxy
        return testConnection(baseUrl(), ruleFromSettings(chosen, systemProxy))
      },
      engineSpec,
      captureScreen: () => captureScreen(electronCaptureDeps()),
      pickBackupFile: () => pickBackupFile(),
      captureSources: {
        list: () => listCaptureSources(electronCaptureDeps()),
        capture: (id) => captureSource(electronCaptureDeps(), id),
      },
    },
    logger,
  )

  const windows = new Windows({
    preloadPath: path.join(here, '../preload/index.cjs'),
    pageUrl: (kind) => `${devUrl ?? `${APP_ORIGIN}/index.html`}${kind === 'quick' ? '#quick' : ''}`,
    core,
    logger,
    // The hidden quick window would otherwise keep a windowless, trayless app alive.
    onChatClosed: () => {
      if (!settings.get().closeToTray) app.quit()
    },
  })
  bindIpc({
    ipcMain,
    core,
    policy: { appOrigins, isOurWindow: windows.isOurWindow },
    logger,
    onAttached: (id) => windows.attached(id),
  })

  let attention = false
  const tray = new AppTray({
    open: () => windows.showChat(),
    newChat: () => windows.navigate(null),
    quick: () => windows.toggleQuick(),
    settings: () => windows.navigate(null, 'settings'),
    quit: () => app.quit(),
  })
  let voiceLive = false
  const refreshTray = () => {
    const running = core.fanout.replay.runningConversations().length
    tray.setState(trayStateFor(running, attention, voiceLive), running)
  }
  const notifier = new Notifier(
    settings,
    (conversationId) => {
      attention = false
      refreshTray()
      windows.navigate(conversationId)
    },
    () => {
      if (!windows.anyFocused()) attention = true
      refreshTray()
    },
    logger,
  )
  // Main watches the same event stream as the windows (reroutes, limits, running turns).
  core.fanout.attach('main:observer', (e) => {
    notifier.onEvent(e)
    if (e.type === 'realtime_started' || e.type === 'realtime_closed')
      voiceLive = e.type === 'realtime_started'
    if (/^(turn_started|turn_complete|turn_aborted|realtime_started|realtime_closed)$/.test(e.type))
      refreshTray()
  })
  app.on('browser-window-focus', () => {
    attention = false
    refreshTray()
    // Back from System Settings with Accessibility granted: push-to-talk can be held now.
    if (registrar.needsHoldRetry()) void applyHotkeys()
  })

  // The screenshot hotkey: capture, store, show the chat window and hand the attachment to its composer.
  const screenshotToChat = async () => {
    try {
      const info = await core.query(
        { name: 'screenshot.capture', input: {} },
        { sinkId: 'hotkey', sink: () => undefined },
      )
      windows.showChat()
      core.publish(
        info.ok
          ? { type: 'attachment_added', attachment: info.value as AttachmentInfo }
          : { type: 'error', message: info.error, code: 'internal', fatal: false },
      )
    } catch (e) {
      logger.log('warn', 'screenshot hotkey failed', { error: (e as Error).message })
    }
  }

  const applyHotkeys = async () => {
    const status = await registrar.apply(
      { screenshot: '', ...settings.get().hotkeys },
      {
        quickWindow: () => windows.toggleQuick(),
        // Shows the quick window and starts or stops its voice session.
        voice: () => windows.voice(),
        screenshot: () => void screenshotToChat(),
        pushToTalk: {
          down: () => windows.pushToTalk('down'),
          up: () => windows.pushToTalk('up'),
          press: () => windows.pushToTalk('press'),
        },
      },
    )
    core.publish({ type: 'hotkeys_changed', status })
  }
  // Not awaited: starting the key hook may take a moment, and the windows must not wait for it.
  void applyHotkeys()
  settings.onChange((next, prev) => {
    if (
      next.hotkeys.pushToTalk !== prev.hotkeys.pushToTalk &&
      next.hotkeys.pushToTalk &&
      process.platform === 'darwin'
    )
      // Picking a push-to-talk key is the moment to ask macOS for the permission it needs.
      systemPreferences.isTrustedAccessibilityClient(true)
    if (JSON.stringify(next.hotkeys) !== JSON.stringify(prev.hotkeys)) void applyHotkeys()
    if (JSON.stringify([next.proxy, next.provider]) !== JSON.stringify([prev.proxy, prev.provider])) {
      agents.setRule(ruleFromSettings(next.proxy, systemProxy, logger))
    }
  })

  app.on('second-instance', () => windows.showChat())
  app.on('activate', () => windows.showChat())
  // Closing every window keeps answers streaming and the app in the tray, unless the user opted out.
  app.on('window-all-closed', () => {
    if (!settings.get().closeToTray) app.quit()
  })
  app.on('before-quit', () => {
    windows.quitting = true
  })
  // Running turns are interrupted (partial answers written to history) before the tray goes.
  const shutdown = new Shutdown(
    {
      unregisterHotkeys: () => registrar.unregisterAll(),
      closeCore: () => core.close(),
      destroyTray: () => tray.destroy(),
      destroyAgents: () => agents.destroy(),
      quit: () => app.quit(),
      exit: (code) => app.exit(code),
    },
    logger,
  )
  app.on('will-quit', (event) => {
    if (shutdown.onWillQuit()) event.preventDefault()
  })

  windows.showChat()
}
