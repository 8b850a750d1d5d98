// The chat state's shapes, apart from the reducer so its helpers (compaction, tool events) can
// use them without importing the reducer back.
import type { TurnRecord } from '@shared/history'
import type { TurnTelemetry } from '@shared/events'
import type { Phase } from '@shared/wire/items'
import type { RateLimitSnapshot } from '@shared/wire/rate-limits'
import type { ModelsSource } from '@shared/wire/models'
import type { Row } from './rows'

export interface LiveTurn {
  /** null between sending and the engine's `turn_started`. */
  turnId: string | null
  question: string | null
  attachments?: Extract<Row, { kind: 'user' }>['attachments']
  model: string | null
  serverModel: string | null
  /** The live status line: the reasoning header (§9 rule 1) or a retry notice. */
  status: string | null
  /** Finished parts of this turn, in order: reasoning cells, notices, messages. */
  rows: Row[]
  /** A message is streaming (its text is in the stream store under `turnId`). */
  streaming: boolean
  /** The phase of the message now streaming, when the server said (shown before it completes). */
  streamingPhase: Phase | null
  state: 'running' | 'completed' | 'interrupted' | 'failed'
  error: { message: string; code: string; httpStatus?: number } | null
}

export interface ContextInfo {
  used: number | null
  contextWindow: number | null
  effectiveContextWindow: number | null
  autoCompactTokenLimit: number | null
  /** A compaction is running / the last one started from this many tokens. */
  compacting?: boolean
  compactedFrom?: { tokens: number; id: string } | undefined
}

export interface TurnDiag {
  turnId: string
  status: TurnRecord['status'] | 'running'
  model: string
  serverModel: string | null
  at: string
  telemetry: TurnTelemetry | null
  retries: number
  fallbacks: string[]
}

export interface ChatState {
  currentId: string | null
  /** Rows of the current conversation: history plus turns finished in this window. */
  rows: Row[]
  loaded: boolean
  live: Record<string, LiveTurn>
  /** Per conversation: turns for the diagnostics panel (stored records, then live ones). */
  diags: Record<string, TurnDiag[]>
  context: Record<string, ContextInfo>
  /** Per conversation: the model of its last turn (for the context meter). */
  models: Record<string, string>
  rateLimits: Record<string, RateLimitSnapshot>
  connection: 'open' | 'reconnecting' | 'closed'
  session: { model: string; provider: string; modelsSource: ModelsSource } | null
  banner: string | null
}
