// Events: what the engine emits to hosts. One schema per event, one union; hosts validate
// events before delivering them to an untrusted renderer.
import { z } from 'zod'
import { Phase } from './wire/items'
import { RateLimitSnapshot } from './wire/rate-limits'
import { ModelsSource } from './wire/models'
import {
  RealtimeAudioOutEvent,
  RealtimeClosedEvent,
  RealtimeEventEvent,
  RealtimeStartedEvent,
} from './realtime'
import {
  MessageCitationsEvent,
  ToolApprovalRequestEvent,
  ToolCallFinishedEvent,
  ToolCallStartedEvent,
  WebSearchEvent,
} from './tools'
import {
  DictationDeltaEvent,
  DictationDoneEvent,
  DictationErrorEvent,
  SpeechAudioEvent,
  SpeechDoneEvent,
  SpeechStartedEvent,
} from './speech'
import { ConversationTreeEvent } from './branches'
import { CompactionMode, CompactionReason, TokenUsage, TurnTelemetry } from './turn-facts'

// Declared in turn-facts.ts (history records use them too, and history must not import events).
export { CompactionMode, CompactionReason, Percentiles, TokenUsage, TurnTelemetry } from './turn-facts'

const Cid = z.string()
const Tid = z.string()

export const ErrorCode = z.enum([
  'missing_credentials',
  'unauthorized',
  'http_error',
  'rate_limited',
  'server_error',
  'transport',
  'stream_closed',
  'idle_timeout',
  'response_failed',
  'response_incomplete',
  'context_length_exceeded',
  'quota_exceeded',
  'usage_not_included',
  'cyber_policy',
  'invalid_request',
  'server_overloaded',
  'malformed_event',
  'bad_request',
  'not_found',
  'history',
  'internal',
  /** The host already runs and queues as many turns as it takes (main/host/turn-limiter.ts). */
  'host_busy',
])
export type ErrorCode = z.infer<typeof ErrorCode>

const base = { conversationId: Cid }
const turn = { conversationId: Cid, turnId: Tid }

export const SessionConfiguredEvent = z.object({
  type: z.literal('session_configured'),
  ...base,
  model: z.string(),
  provider: z.string(),
  modelsSource: ModelsSource,
  historyItems: z.number().int(),
})
export const TurnStartedEvent = z.object({ type: z.literal('turn_started'), ...turn, model: z.string() })
/**
 * An assistant message began streaming (its `response.output_item.added`), with its phase when the
 * server sent one: a window can show a `commentary` preamble as such while it streams.
 */
export const AgentMessageStartedEvent = z.object({
  type: z.literal('agent_message_started'),
  ...turn,
  phase: Phase.optional(),
})
export const AgentMessageDeltaEvent = z.object({
  type: z.literal('agent_message_delta'),
  ...turn,
  delta: z.string(),
})
/** The partial text shown so far was replaced (a retried stream diverged from it). */
export const AgentMessageResetEvent = z.object({
  type: z.literal('agent_message_reset'),
  ...turn,
  text: z.string(),
})
export const AgentMessageEvent = z.object({
  type: z.literal('agent_message'),
  ...turn,
  text: z.string(),
  phase: Phase.optional(),
})
export const ReasoningHeaderEvent = z.object({
  type: z.literal('reasoning_header'),
  ...turn,
  /** null clears the status line (the reasoning item ended). */
  header: z.string().nullable(),
})
export const ReasoningSummaryEvent = z.object({
  type: z.literal('reasoning_summary'),
  ...turn,
  text: z.string(),
})
export const ServerModelEvent = z.object({ type: z.literal('server_model'), ...turn, model: z.string() })
export const ModelRerouteEvent = z.object({
  type: z.literal('model_reroute'),
  ...turn,
  fromModel: z.string(),
  toModel: z.string(),
  reason: z.literal('high_risk_cyber_activity'),
})
export const RateLimitsEvent = z.object({
  type: z.literal('rate_limits'),
  conversationId: Cid.optional(),
  snapshot: RateLimitSnapshot,
  promoMessage: z.string().optional(),
})
export const TokenCountEvent = z.object({
  type: z.literal('token_count'),
  ...turn,
  usage: TokenUsage,
  contextWindow: z.number().nullable(),
  effectiveContextWindow: z.number().nullable(),
  autoCompactTokenLimit: z.number().nullable(),
})
export const StreamRetryEvent = z.object({
  type: z.literal('stream_retry'),
  ...turn,
  attempt: z.number().int(),
  max: z.number().int(),
  delayMs: z.number(),
  message: z.string(),
})
export const TelemetryEvent = z.object({ type: z.literal('telemetry'), ...turn, telemetry: TurnTelemetry })
export const TurnCompleteEvent = z.object({
  type: z.literal('turn_complete'),
  ...turn,
  responseId: z.string().nullable(),
  lastAgentMessage: z.string().nullable(),
})
export const TurnAbortedEvent = z.object({
  type: z.literal('turn_aborted'),
  ...turn,
  reason: z.enum(['interrupted', 'error']),
})
export const ErrorEvent = z.object({
  type: z.literal('error'),
  conversationId: Cid.optional(),
  turnId: Tid.optional(),
  message: z.string(),
  code: ErrorCode,
  /** False for problems the turn survived (e.g. one malformed event skipped). */
  fatal: z.boolean(),
  httpStatus: z.number().int().optional(),
})
export const WarningEvent = z.object({
  type: z.literal('warning'),
  conversationId: Cid.optional(),
  turnId: Tid.optional(),
  message: z.string(),
  code: z.enum([
    'model_reroute',
    'transport_fallback',
    'history_recovered',
    'models_fallback',
    'other',
    'compaction',
  ]),
})

export const CompactionStartedEvent = z.object({
  type: z.literal('compaction_started'),
  ...base,
  compactionId: z.string(),
  reason: CompactionReason,
  tokensBefore: z.number(),
})
/** The model input was replaced; the transcript is untouched. `itemsDropped`: oldest items left out so the compaction request fit. */
export const ContextCompactedEvent = z.object({
  type: z.literal('context_compacted'),
  ...base,
  compactionId: z.string(),
  reason: CompactionReason,
  mode: CompactionMode,
  tokensBefore: z.number(),
  tokensAfter: z.number(),
  itemsDropped: z.number().int(),
})

export const EngineEvent = z.discriminatedUnion('type', [
  SessionConfiguredEvent,
  TurnStartedEvent,
  AgentMessageStartedEvent,
  AgentMessageDeltaEvent,
  AgentMessageResetEvent,
  AgentMessageEvent,
  ReasoningHeaderEvent,
  ReasoningSummaryEvent,
  ServerModelEvent,
  ModelRerouteEvent,
  RateLimitsEvent,
  TokenCountEvent,
  StreamRetryEvent,
  TelemetryEvent,
  TurnCompleteEvent,
  TurnAbortedEvent,
  ErrorEvent,
  WarningEvent,
  RealtimeStartedEvent,
  RealtimeEventEvent,
  RealtimeAudioOutEvent,
  RealtimeClosedEvent,
  ToolCallStartedEvent,
  ToolApprovalRequestEvent,
  ToolCallFinishedEvent,
  WebSearchEvent,
  MessageCitationsEvent,
  DictationDeltaEvent,
  DictationDoneEvent,
  DictationErrorEvent,
  SpeechStartedEvent,
  SpeechAudioEvent,
  SpeechDoneEvent,
  CompactionStartedEvent,
  ContextCompactedEvent,
  ConversationTreeEvent,
])
export type EngineEvent = z.infer<typeof EngineEvent>
export type EngineEventOf<T extends EngineEvent['type']> = Extract<EngineEvent, { type: T }>
