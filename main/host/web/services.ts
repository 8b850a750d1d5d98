// The browser host's services: settings in a JSON file, the API key from the environment only,
// the system proxy from HTTPS_PROXY/HTTP_PROXY/NO_PROXY, and no tray/hotkeys/notifications.
import path from 'node:path'
import type { Capabilities, HotkeyStatus } from '@shared/bridge'
import type { Logger } from '../../core/log'
import { ProxyAgents, envProxyRule } from '../../core/net/proxy'
import type { HostServices } from '../core'
import { providerFor, type EngineSpec } from '../engine-factory'
import { JsonFileBackend } from '../json-file'
import { ruleFromSettings, testConnection } from '../proxy-test'
import { EnvSecrets } from '../secrets'
import { SettingsService } from '../settings-service'
import { browserLaunchGate } from '../mcp-launch-approvals'

export const BROWSER_UNAVAILABLE =
  'Tray, global shortcuts and desktop notifications need the desktop app; the browser host has none of them.'

export interface BrowserHostOptions {
  dataDir: string
  env: NodeJS.ProcessEnv
  logger: Logger
  version: string
  /** Demo mode: every request goes to the emulator at this base URL with this key. */
  demo?: { baseUrl: string; apiKey: string }
}

export function browserHostServices(opts: BrowserHostOptions): HostServices & { dispose(): void } {
  const settings = new SettingsService(
    new JsonFileBackend(path.join(opts.dataDir, 'settings.json')),
    opts.logger,
  )
  const apiKey = opts.demo?.apiKey ?? (opts.env.OPENAI_API_KEY?.trim() || null)
  const secrets = new EnvSecrets(apiKey, opts.demo ? 'demo' : 'env')
  const system = envProxyRule(opts.env)
  const agents = new ProxyAgents(ruleFromSettings(settings.get().proxy, system, opts.logger))
  const unsubscribe = settings.onChange((next) =>
    agents.setRule(ruleFromSettings(next.proxy, system, opts.logger)),
  )

  const capabilities: Capabilities = {
    host: 'browser',
    platform: process.platform,
    version: opts.version,
    demo: opts.demo !== undefined,
    tray: false,
    hotkeys: false,
    notifications: false,
    unavailableReason: BROWSER_UNAVAILABLE,
    restoreFrom: 'upload',
  }

  const mcpLaunch = browserLaunchGate(opts.dataDir, opts.logger)
  const engineSpec = (): EngineSpec => ({
    settings: settings.get(),
    apiKey,
    customKey: secrets.get('custom_api_key'),
    dataDir: opts.dataDir,
    agent: agents.agentFor,
    logger: opts.logger,
    ...(opts.demo
      ? { baseUrlOverride: opts.demo.baseUrl }
      : opts.env.OPENAI_BASE_URL
        ? { baseUrlOverride: opts.env.OPENAI_BASE_URL }
        : {}),
    missingKeyHint:
      'Set OPENAI_API_KEY in the environment and restart `npm run web` (the browser host never stores keys).',
    mcpLaunch,
  })

  return {
    capabilities,
    settings,
    secrets,
    hotkeys: (): HotkeyStatus[] =>
      // No screenshot shortcut here: the browser host cannot capture the screen at all.
      (['quickWindow', 'voice', 'pushToTalk'] as const).map((action) => ({
        action,
        accelerator: settings.get().hotkeys[action],
        state: 'unsupported',
        message: 'Global shortcuts need the desktop app.',
      })),
    proxyTest: (proxy) =>
      testConnection(
        providerFor(engineSpec()).baseUrl,
        ruleFromSettings(proxy ?? settings.get().proxy, system),
      ),
    engineSpec,
    dispose() {
      unsubscribe()
      agents.destroy()
    },
  }
}
