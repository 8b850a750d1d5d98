// The bridge contract: ops in, events out, and typed queries, declared once as data.
// A query is a name with an input schema and an output schema (limits live in the schemas);
// the client, the preload, the Electron IPC handlers and the browser host all read this table.
import { ExportFormat } from '../export'
import { BackupProgress, RestoreSummary } from '../backup'
import { z } from 'zod'
import { Op } from '../ops'
import { EngineEvent } from '../events'
import { Conversation, ConversationSummary } from '../history'
import { ModelInfo, ModelsSource } from '../wire/models'
import {
  AttachmentBytes,
  AttachmentId,
  AttachmentInfo,
  AttachmentMime,
  MAX_ATTACHMENT_BYTES,
} from '../attachments'
import { MAX_INSTRUCTIONS_CHARS } from '../ops'
import { HotkeyAction, ProxySettings, SecretName, SecretsView, SettingsPatch, SettingsView } from './settings'
import { McpSecretKey, McpSecretsView, McpServerConfig, McpServerName, McpServerStatus } from '../mcp'

/** The three IPC channels; nothing else is ever exposed to a page. */
export const CHANNELS = Object.freeze({
  op: 'assistant:op',
  query: 'assistant:query',
  event: 'assistant:event',
})

/** Upper bound for one message on the browser host's socket: one attachment and its header. */
export const MAX_MESSAGE_BYTES = MAX_ATTACHMENT_BYTES + 1024 * 1024

/** Largest backup the page may send to restore (browser host): the socket's limit less room for the header. */
export const MAX_RESTORE_UPLOAD_BYTES = MAX_MESSAGE_BYTES - 1024 * 1024

/** A backup archive's bytes on the bridge (a top-level binary field of `backup.restoreUpload`). */
export const BackupBytes = z
  .instanceof(Uint8Array)
  .refine(
    (b) => b.byteLength <= MAX_RESTORE_UPLOAD_BYTES,
    `a backup sent from the page may be at most ${MAX_RESTORE_UPLOAD_BYTES / 1024 / 1024} MB`,
  )

const Uuid = z.string().uuid()
const Empty = z.strictObject({})

export const Capabilities = z.strictObject({
  host: z.enum(['electron', 'browser']),
  platform: z.string().max(50),
  version: z.string().max(50),
  /** The engine talks to the built-in emulator; nothing leaves the machine. */
  demo: z.boolean(),
  tray: z.boolean(),
  hotkeys: z.boolean(),
  notifications: z.boolean(),
  /** Why tray/hotkeys/notifications are missing, in plain words (null when present). */
  unavailableReason: z.string().max(300).nullable(),
  /** Screen capture into an attachment (the desktop app; issue 14). */
  screenshots: z.boolean().optional(),
  /** The OS's preferred UI languages, best first (Electron); absent: the page uses navigator.languages. */
  systemLocales: z.array(z.string().max(35)).max(20).optional(),
  /**
   * How this host restores a backup: 'picker' (main opens the OS file dialog; `backup.pickAndRestore`)
   * or 'upload' (the page picks the file and sends its bytes; `backup.restoreUpload`).
   */
  restoreFrom: z.enum(['picker', 'upload']).optional(),
})
export type Capabilities = z.infer<typeof Capabilities>

export const HotkeyState = z.enum(['registered', 'conflict', 'invalid', 'disabled', 'unsupported'])
export const HotkeyStatus = z.strictObject({
  action: HotkeyAction,
  accelerator: z.string().max(100),
  state: HotkeyState,
  message: z.string().max(500),
  /**
   * Push-to-talk only: true when the app sees the key's release (hold to talk); false when the
   * system reports presses only, so one press starts talking and the next one sends.
   */
  hold: z.boolean().optional(),
})
export type HotkeyStatus = z.infer<typeof HotkeyStatus>

export const ProxyTestResult = z.strictObject({
  ok: z.boolean(),
  /** The URL that was tried (the provider's /models endpoint). */
  target: z.string().max(2048),
  /** 'direct' or the proxy (without credentials). */
  via: z.string().max(2048),
  status: z.number().int().nullable(),
  ms: z.number(),
  message: z.string().max(1000),
})
export type ProxyTestResult = z.infer<typeof ProxyTestResult>

export const ModelsList = z.strictObject({
  source: ModelsSource,
  models: z.array(ModelInfo).max(1000),
  defaultModel: z.string(),
})

/** One conversation found by `conversations.search` (title or message text). */
export const SearchHit = z.strictObject({
  id: z.string().max(100),
  title: z.string().max(300),
  updatedAt: z.string().max(50),
  /** Where the words were found. */
  in: z.enum(['title', 'text']),
  /** A short excerpt around the first match in the text (null for a title-only match). */
  snippet: z.string().max(300).nullable(),
})
export type SearchHit = z.infer<typeof SearchHit>

export const ImportResult = z.strictObject({
  ok: z.boolean(),
  /** Plain words for the UI: what was imported, or why not. */
  message: z.string().max(1000),
})
export type ImportResult = z.infer<typeof ImportResult>

function query<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output }
}

export const QUERIES = {
  'host.capabilities': query(Empty, Capabilities),
  'settings.get': query(Empty, SettingsView),
  'settings.set': query(SettingsPatch, SettingsView),
  'secrets.set': query(
    z.strictObject({
      name: SecretName,
      /** null deletes the secret. */
      value: z.string().trim().min(1).max(4096).nullable(),
      /** The user ticked "store it unencrypted" after being told there is no keyring. */
      acceptPlaintext: z.boolean().optional(),
    }),
    SecretsView,
  ),
  'conversations.list': query(Empty, z.array(ConversationSummary).max(100_000)),
  'conversations.load': query(z.strictObject({ id: Uuid }), Conversation.nullable()),
  'conversations.delete': query(z.strictObject({ id: Uuid }), z.boolean()),
  'conversations.rename': query(
    z.strictObject({ id: Uuid, title: z.string().trim().min(1).max(200) }),
    z.boolean(),
  ),
  /** Titles and message text, searched in main (the page never loads every conversation). */
  'conversations.search': query(
    z.strictObject({ query: z.string().trim().min(1).max(200) }),
    z.array(SearchHit).max(200),
  ),
  'models.list': query(Empty, ModelsList),
  /**
   * Copy an existing codex CLI sign-in (`$CODEX_HOME/auth.json`, read in main) into the secret
   * store, for provider `chatgpt`. Hosts without a secret store answer `ok: false` with why.
   */
  'auth.importCodex': query(Empty, ImportResult),
  'hotkeys.status': query(Empty, z.array(HotkeyStatus).max(20)),
  /** Reach the provider through `proxy` (or the saved setting) without saving anything. */
  'proxy.test': query(z.strictObject({ proxy: ProxySettings.optional() }), ProxyTestResult),
  /**
   * Start receiving events. The host first replays what a new window needs (the latest rate
   * limits and every running turn from its `turn_started`), then streams live events.
   */
  'events.attach': query(
    Empty,
    z.strictObject({ replayed: z.number().int(), running: z.array(z.string()).max(1000) }),
  ),
  /**
   * Store one picked, pasted or dropped file (its bytes, never a path): checked by content,
   * images downscaled, kept in the data folder under its hash.
   */
  'attachments.put': query(
    z.strictObject({ name: z.string().trim().min(1).max(255), data: AttachmentBytes }),
    AttachmentInfo,
  ),
  /** A stored attachment's bytes, or a small WebP preview of an image. */
  'attachments.get': query(
    z.strictObject({ id: AttachmentId, thumbnail: z.boolean() }),
    z.strictObject({ mime: z.union([AttachmentMime, z.literal('image/webp')]), data: AttachmentBytes }),
  ),
  /** A conversation's instructions (system prompt), edited from its header ('' = the default). */
  'conversations.setInstructions': query(
    z.strictObject({ id: Uuid, instructions: z.string().max(MAX_INSTRUCTIONS_CHARS) }),
    z.boolean(),
  ),
  /** Capture the screen into an attachment (desktop app only; says why when it cannot). */
  'screenshot.capture': query(Empty, AttachmentInfo),
  /**
   * The screens and windows the Screenshot button can capture, with small PNG previews: all of
   * them back to back in `thumbnails`, each source's share in `thumbnailBytes` (desktop app only).
   */
  'screenshot.sources': query(
    Empty,
    z.strictObject({
      sources: z
        .array(
          z.strictObject({
            id: z.string().max(200),
            name: z.string().max(1000),
            kind: z.enum(['screen', 'window']),
            thumbnailBytes: z.number().int().nonnegative(),
          }),
        )
        .max(500),
      thumbnails: AttachmentBytes,
    }),
  ),
  /** Capture the screen or window picked from `screenshot.sources` at full size into an attachment. */
  'screenshot.captureSource': query(z.strictObject({ id: z.string().min(1).max(200) }), AttachmentInfo),
  /** Connect to an MCP server as configured (stored secrets filled in), list its tools, disconnect. */
  'mcp.test': query(z.strictObject({ server: McpServerConfig }), McpServerStatus),
  /** Which MCP secrets are set (names only). */
  'mcp.secrets': query(Empty, McpSecretsView),
  /** Set (or with null delete) an MCP server's environment secret or `bearer` token. */
  'mcp.setSecret': query(
    z.strictObject({
      server: McpServerName,
      key: McpSecretKey,
      value: z.string().min(1).max(8000).nullable(),
    }),
    McpSecretsView,
  ),
  /** One conversation as Markdown or HTML (its current branch) or JSON (the whole tree). */
  'conversations.export': query(
    z.strictObject({ id: Uuid, format: ExportFormat }),
    z.strictObject({ filename: z.string(), mime: z.string(), text: z.string() }).nullable(),
  ),
  /** Back up every conversation, settings without secrets and attachments into `folder`. */
  'backup.create': query(
    Empty,
    z.strictObject({
      file: z.string(),
      folder: z.string(),
      conversations: z.number(),
      attachments: z.number(),
      settings: z.boolean(),
      bytes: z.number(),
    }),
  ),
  /**
   * Main opens the OS file dialog (*.tar.gz) and restores the chosen backup into the data folder
   * (merging; see core/backup/restore.ts). The page never names a path. Cancel: `cancelled: true`.
   */
  'backup.pickAndRestore': query(
    Empty,
    z.strictObject({ cancelled: z.boolean(), summary: RestoreSummary.nullable() }),
  ),
  /** Restore a backup whose bytes the page picked with `<input type=file>` (browser host). */
  'backup.restoreUpload': query(z.strictObject({ data: BackupBytes }), RestoreSummary),
  /** Where backups go (Back up now) and where the automatic daily backup keeps its files. */
  'backup.location': query(Empty, z.strictObject({ folder: z.string(), autoFolder: z.string() })),
} as const

export type Queries = typeof QUERIES
export type QueryName = keyof Queries
export type QueryInput<N extends QueryName> = z.input<Queries[N]['input']>
export type QueryOutput<N extends QueryName> = z.output<Queries[N]['output']>

export function isQueryName(name: unknown): name is QueryName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(QUERIES, name)
}

/** The envelope of the query channel. */
export const QueryRequest = z.strictObject({ name: z.string().max(100), input: z.unknown().optional() })

// Host events: things the hosts say on the same event channel as the engine.
export const SettingsChangedEvent = z.object({ type: z.literal('settings_changed'), view: SettingsView })
export const HotkeysChangedEvent = z.object({
  type: z.literal('hotkeys_changed'),
  status: z.array(HotkeyStatus),
})
/** Show a conversation (a notification or the tray was clicked) or a view. */
export const NavigateEvent = z.object({
  type: z.literal('navigate'),
  conversationId: Uuid.nullable(),
  /** `voice` toggles the voice session in the quick window (the voice hotkey). */
  view: z.enum(['chat', 'settings', 'voice']),
})
/**
 * The push-to-talk hotkey went down or up (Electron only). The quick window starts a
 * push-to-talk voice session if none is live, captures while down and sends the turn on up.
 * `press`: the desktop cannot report releases, so each press alternates; the window decides from
 * its own state whether this one starts talking or sends.
 */
export const PushToTalkEvent = z.object({
  type: z.literal('push_to_talk'),
  state: z.enum(['down', 'up', 'press']),
})
/** Emitted by the socket transport itself (never by a host): the link to the host changed. */
export const HostConnectionEvent = z.object({
  type: z.literal('host_connection'),
  state: z.enum(['open', 'reconnecting', 'closed']),
  message: z.string().max(500).optional(),
})

/** The screenshot hotkey stored a capture: the chat window's composer attaches it (issue 14). */
export const AttachmentAddedEvent = z.object({
  type: z.literal('attachment_added'),
  attachment: AttachmentInfo,
})

/** How far the running backup or restore is (throttled to a few per second). */
export const BackupProgressEvent = BackupProgress.extend({ type: z.literal('backup_progress') })

export const BridgeEvent = z.discriminatedUnion('type', [
  ...EngineEvent.options,
  SettingsChangedEvent,
  HotkeysChangedEvent,
  NavigateEvent,
  PushToTalkEvent,
  HostConnectionEvent,
  AttachmentAddedEvent,
  BackupProgressEvent,
])
export type BridgeEvent = z.infer<typeof BridgeEvent>
export type HostEvent = Exclude<BridgeEvent, EngineEvent>

/** What every op/query call returns across a process boundary (errors are values, not throws). */
export type Reply = { ok: true; value?: unknown } | { ok: false; error: string }
export const ReplySchema = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown().optional() }),
  z.strictObject({ ok: z.literal(false), error: z.string().max(2000) }),
])

export { Op }
