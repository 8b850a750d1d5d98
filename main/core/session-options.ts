// What a Session is made with (hosts build these from settings), and its per-conversation state.
import type { ResponseItem } from '@shared/wire/items'
import type { TransportSetting } from './responses/client'
import type { Provider } from './provider'
import type { Logger } from './log'
import type { RealtimeSettings } from './realtime/manager'
import type { ToolRuntime } from './tools/runtime'
import type { ConversationCacheOptions } from './limits/conversation-cache'
import type { RememberedOptions } from './turn-options'

export interface SessionOptions {
  provider: Provider
  dataDir: string
  /** Default model; otherwise the highest-priority listed model. */
  model?: string
  instructions?: string
  logger?: Logger
  idleTimeoutMs?: number
  requestMaxRetries?: number
  streamMaxRetries?: number
  maxRetryDelayMs?: number
  originator?: string
  /** WebSocket preferred (`auto`), WebSocket only, or SSE only. */
  transport?: TransportSetting
  /** `enable_request_compression`: zstd bodies for the ChatGPT backend (protocol.md §7). */
  compression?: boolean
  random?: () => number
  retryBaseDelayMs?: number
  /** Voice conversations (protocol.md §10): base URL override, dialect, model, voice. */
  realtime?: RealtimeSettings
  /** MCP servers and approval (issue 15); none when absent. */
  tools?: ToolRuntime
  /** Idle conversations kept in memory and when their socket is closed (limits/conversation-cache.ts). */
  limits?: Omit<ConversationCacheOptions, 'release' | 'evicted'>
  /** Lowers the models' auto-compaction limit (never raises it). */
  autoCompactTokenLimit?: number
  /** After `context_length_exceeded`: compact and resend the message once (default true). */
  compactAndRetry?: boolean
}

export const DEFAULT_INSTRUCTIONS =
  'You are a helpful desktop assistant. Answer clearly and concisely; use Markdown for structure and code.'

export interface ConversationState {
  id: string
  model: string | null
  history: ResponseItem[]
  configured: boolean
  remembered: RememberedOptions
  running: { abort: AbortController; done: Promise<void> } | null
}
