// Settings: one zod schema for both hosts (electron-store in the app, a JSON file in the browser
// host). Secrets are never part of settings; they have their own view (SecretsView).
import { z } from 'zod'
import { Preset } from './presets'
import { McpServerConfig } from '../mcp'
import { isUsableProxyUrl } from '../proxy-url'

export const SETTINGS_VERSION = 5

const HttpUrlOrEmpty = z
  .string()
  .max(2048)
  .refine((s) => s === '' || /^https?:\/\/[^\s]+$/i.test(s), 'must be an http(s) URL')

/** Electron accelerator syntax (`CommandOrControl+Shift+Space`); '' disables the shortcut. */
export const Accelerator = z
  .string()
  .max(100)
  .regex(/^[\w+\-=[\]\\;',./`]*$/, 'not an accelerator')

export const ProviderSettings = z.strictObject({
  /** `chatgpt`: the Codex backend with ChatGPT sign-in (tokens live in the secret store). */
  kind: z.enum(['openai', 'chatgpt', 'custom']),
  /** Only for `custom`: an OpenAI-compatible base URL such as http://localhost:11434/v1. */
  baseUrl: HttpUrlOrEmpty,
})

/** http(s) proxies tunnel with CONNECT; socks* (4, 4a, 5, 5h) speak SOCKS. */
const ProxyUrlOrEmpty = z
  .string()
  .max(2048)
  .refine(
    (s) => s === '' || (/^(https?|socks[45]?[ah]?):\/\/[^\s]+$/i.test(s) && isUsableProxyUrl(s)),
    'must be an http(s) or socks URL (socks, socks4, socks4a, socks5, socks5h) with a valid host and port',
  )

export const ProxyMode = z.enum(['system', 'custom', 'none'])
export const ProxySettings = z.strictObject({
  mode: ProxyMode,
  /** Kept while another mode is selected so switching back does not lose it. */
  url: ProxyUrlOrEmpty,
})
export type ProxySettings = z.infer<typeof ProxySettings>

/** `pushToTalk` is held down to talk; releasing it sends the turn (voice in push-to-talk mode). */
export const HotkeyAction = z.enum(['quickWindow', 'voice', 'pushToTalk', 'screenshot'])
export type HotkeyAction = z.infer<typeof HotkeyAction>

const shape = {
  version: z.literal(SETTINGS_VERSION),
  provider: ProviderSettings,
  /** '' = the provider's default model. */
  model: z.string().max(200),
  transport: z.enum(['auto', 'websocket', 'sse']),
  compression: z.boolean(),
  theme: z.enum(['system', 'light', 'dark']),
  hotkeys: z.strictObject({
    quickWindow: Accelerator,
    voice: Accelerator,
    pushToTalk: Accelerator,
    /** Capture the screen into the chat's composer (desktop app; issue 14). Absent = none. */
    screenshot: Accelerator.optional(),
  }),
  proxy: ProxySettings,
  notifications: z.strictObject({ reroute: z.boolean(), rateLimits: z.boolean() }),
  /** Closing the last window keeps the app (and running answers) alive in the tray. */
  closeToTray: z.boolean(),
  /** The user explicitly accepted storing secrets unencrypted where the OS has no keyring. */
  allowPlaintextSecrets: z.boolean(),
  /** First-run onboarding was finished or skipped (version 3; earlier files count as done). */
  onboarded: z.boolean(),
  /** Assistants: name, instructions, model, effort (issue 14). */
  presets: z.array(Preset).max(50),
  /** The preset new chats start with ('' = none). */
  defaultPreset: z.string().max(100),
  /** MCP servers the engine connects to (issue 15); tools are offered per the switches in each. */
  mcpServers: z.array(McpServerConfig).max(50),
  /** Dictation and read aloud (issue 17): models, voice, and how code blocks are read. */
  speech: z.strictObject({
    dictationModel: z.string().min(1).max(200),
    /** `transcriptions`: one request after Stop; `realtime`: a transcription session while speaking. */
    dictationVia: z.enum(['transcriptions', 'realtime']),
    speechModel: z.string().min(1).max(200),
    voice: z.string().min(1).max(100),
    codeBlocks: z.enum(['skip', 'summarize']),
  }),
  /** A turn that overflows the context window is compacted and resent once without asking. */
  compactAndRetry: z.boolean(),
  /** UI language; `system` follows the OS (Electron) or browser languages (issue 16). */
  language: z.enum(['system', 'en', 'zh-CN', 'es']),
  /** A daily backup into `<dataDir>/backups/auto/` (issue 13), the newest `autoBackupKeep` kept. */
  autoBackup: z.boolean(),
  autoBackupKeep: z.number().int().min(1).max(365),
}

function checkCrossFields(
  s: {
    provider: { kind: string; baseUrl: string }
    proxy: ProxySettings
    presets: { id: string }[]
    defaultPreset: string
  },
  ctx: z.RefinementCtx,
) {
  if (s.provider.kind === 'custom' && s.provider.baseUrl === '')
    ctx.addIssue({
      code: 'custom',
      path: ['provider', 'baseUrl'],
      message: 'a custom provider needs a base URL',
    })
  if (s.proxy.mode === 'custom' && s.proxy.url === '')
    ctx.addIssue({ code: 'custom', path: ['proxy', 'url'], message: 'a custom proxy needs a URL' })
  if (s.defaultPreset && !s.presets.some((p) => p.id === s.defaultPreset))
    ctx.addIssue({ code: 'custom', path: ['defaultPreset'], message: 'the default preset does not exist' })
}

export const Settings = z.strictObject(shape).superRefine(checkCrossFields)
export type Settings = z.infer<typeof Settings>

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  version: SETTINGS_VERSION,
  provider: { kind: 'openai', baseUrl: '' },
  model: '',
  transport: 'auto',
  compression: true,
  theme: 'system',
  hotkeys: { quickWindow: 'CommandOrControl+Shift+Space', voice: '', pushToTalk: '' },
  proxy: { mode: 'system', url: '' },
  notifications: { reroute: true, rateLimits: true },
  closeToTray: true,
  allowPlaintextSecrets: false,
  onboarded: false,
  presets: [],
  defaultPreset: '',
  mcpServers: [],
  speech: {
    dictationModel: 'gpt-4o-mini-transcribe',
    dictationVia: 'transcriptions',
    speechModel: 'gpt-4o-mini-tts',
    voice: 'coral',
    codeBlocks: 'summarize',
  },
  compactAndRetry: true,
  language: 'system',
  autoBackup: false,
  autoBackupKeep: 7,
}) as Settings

/** A partial update; nested groups merge field by field. */
export const SettingsPatch = z.strictObject({
  provider: ProviderSettings.partial().optional(),
  model: shape.model.optional(),
  transport: shape.transport.optional(),
  compression: shape.compression.optional(),
  theme: shape.theme.optional(),
  hotkeys: shape.hotkeys.partial().optional(),
  proxy: ProxySettings.partial().optional(),
  notifications: shape.notifications.partial().optional(),
  closeToTray: shape.closeToTray.optional(),
  allowPlaintextSecrets: shape.allowPlaintextSecrets.optional(),
  onboarded: shape.onboarded.optional(),
  presets: shape.presets.optional(),
  defaultPreset: shape.defaultPreset.optional(),
  mcpServers: shape.mcpServers.optional(),
  speech: shape.speech.partial().optional(),
  compactAndRetry: shape.compactAndRetry.optional(),
  language: shape.language.optional(),
  autoBackup: shape.autoBackup.optional(),
  autoBackupKeep: shape.autoBackupKeep.optional(),
})
export type SettingsPatch = z.infer<typeof SettingsPatch>

/** Merge a patch; throws a readable error when the result is invalid. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const next = {
    ...current,
    ...patch,
    provider: { ...current.provider, ...patch.provider },
    hotkeys: { ...current.hotkeys, ...patch.hotkeys },
    proxy: { ...current.proxy, ...patch.proxy },
    notifications: { ...current.notifications, ...patch.notifications },
    speech: { ...current.speech, ...patch.speech },
  }
  const parsed = Settings.safeParse(next)
  if (!parsed.success) throw new Error(`invalid settings: ${describeIssue(parsed.error)}`)
  return parsed.data
}

export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'rejected'
  return `${issue.path.join('.') || 'value'}: ${issue.message}`
}

/** Secrets the renderer may set. ChatGPT tokens come from the sign-in flow in main, never from a page. */
export const SecretName = z.enum(['openai_api_key', 'custom_api_key'])
export type SecretName = z.infer<typeof SecretName>

export const SecretsView = z.strictObject({
  storage: z.strictObject({
    /** `weak`: the OS offers no real keyring (Linux `basic_text`); treated like `unavailable`. */
    encryption: z.enum(['available', 'unavailable', 'weak', 'not_applicable']),
    backend: z.string().max(100),
    plaintextAllowed: z.boolean(),
    /** Plain words for the UI when something is missing. */
    message: z.string().max(1000).nullable(),
  }),
  openaiApiKey: z.strictObject({
    set: z.boolean(),
    source: z.enum(['keychain', 'plaintext', 'env', 'demo', 'none']),
  }),
  /** ChatGPT sign-in tokens are in the secret store (never their values). Absent: unknown. */
  chatgpt: z.strictObject({ set: z.boolean() }).optional(),
  /** The custom provider's own key: `set` only when it was entered for the current base URL's server. */
  customApiKey: z.strictObject({ set: z.boolean(), origin: z.string().max(300).nullable() }).optional(),
})
export type SecretsView = z.infer<typeof SecretsView>

export const SettingsView = z.strictObject({ settings: Settings, secrets: SecretsView })
export type SettingsView = z.infer<typeof SettingsView>
