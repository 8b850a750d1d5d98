// What a turn reports and history stores: token usage, transport telemetry, how a compaction ran.
// A leaf of the contract (zod only), so history.ts and events.ts can both use it without a cycle.
import { z } from 'zod'

export const TokenUsage = z.object({
  input_tokens: z.number(),
  cached_input_tokens: z.number(),
  output_tokens: z.number(),
  reasoning_output_tokens: z.number(),
  total_tokens: z.number(),
})
export type TokenUsage = z.infer<typeof TokenUsage>

export const Percentiles = z.object({ p50: z.number(), p95: z.number(), max: z.number() })

/** Per-turn transport telemetry (issue 3; protocol.md §5). */
export const TurnTelemetry = z.object({
  transport: z.enum(['sse', 'websocket']),
  fallbacks: z.number().int(),
  retries: z.number().int(),
  requests: z.number().int(),
  handshakeMs: z.array(z.number()),
  requestMs: z.array(z.number()),
  ttftMs: z.number().nullable(),
  durationMs: z.number(),
  eventsByKind: z.record(z.string(), z.number().int()),
  processing: Percentiles,
  bytesIn: z.number().int(),
  bytesOut: z.number().int(),
  bytesOutUncompressed: z.number().int(),
  compressionRatio: z.number().nullable(),
  serverTiming: z.record(z.string(), z.number()).optional(),
})
export type TurnTelemetry = z.infer<typeof TurnTelemetry>

/** Why the model input was compacted: asked for, over the limit before a turn, a smaller model, an overflow. */
export const CompactionReason = z.enum(['manual', 'auto', 'model_switch', 'overflow'])
export type CompactionReason = z.infer<typeof CompactionReason>
/** `remote`: the service's `/responses/compact`; `local`: a summary the model wrote. */
export const CompactionMode = z.enum(['remote', 'local'])
export type CompactionMode = z.infer<typeof CompactionMode>
