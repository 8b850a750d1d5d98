// Realtime settings (SessionOptions.realtime) and the defaults they fall back to.
import type { RealtimeDialect } from '@shared/realtime'

/** `SessionOptions.realtime`: where and how voice conversations connect. */
export interface RealtimeSettings {
  /** Realtime base URL; the provider's base URL when absent. */
  baseUrl?: string
  /** Default `v2` (the public Realtime API); `gen0` for the codex realtime backend. */
  dialect?: RealtimeDialect
  model?: string
  voice?: string
  /** Model transcribing the user's speech (v2), so both sides reach the history. */
  transcriptionModel?: string
  connectTimeoutMs?: number
}

export const DEFAULT_REALTIME_MODEL = 'gpt-realtime'
export const DEFAULT_REALTIME_VOICE = 'marin'
export const DEFAULT_TRANSCRIPTION_MODEL = 'gpt-4o-mini-transcribe'
export const NOT_RUNNING = 'conversation is not running'
