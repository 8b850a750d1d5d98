// Inbound Responses stream events (protocol.md §1.5), identical for SSE `data:` payloads and
// WebSocket text frames. A discriminated union on `type` plus an explicit unknown variant.
import { z } from 'zod'
import { MAX_ITEM_CHARS, ResponseItem, itemChars } from './items'
import { CodexRateLimitsEvent } from './rate-limits'

const HeaderMap = z.record(z.string(), z.unknown())

export const Usage = z.looseObject({
  input_tokens: z.number(),
  input_tokens_details: z.looseObject({ cached_tokens: z.number().optional() }).optional().nullable(),
  output_tokens: z.number(),
  output_tokens_details: z.looseObject({ reasoning_tokens: z.number().optional() }).optional().nullable(),
  total_tokens: z.number(),
})
export type Usage = z.infer<typeof Usage>

/** The `response` object carried by lifecycle events; only what the client reads is required. */
const ResponseObject = z.looseObject({
  id: z.string().optional(),
  model: z.string().optional(),
  headers: HeaderMap.optional(),
})

export const ResponseErrorBody = z.looseObject({
  code: z.string().optional().nullable(),
  message: z.string().optional().nullable(),
  type: z.string().optional().nullable(),
  plan_type: z.string().optional().nullable(),
  resets_at: z.number().optional().nullable(),
})

export const WireEvent = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('response.created'), response: ResponseObject }),
  z.looseObject({ type: z.literal('response.in_progress'), response: ResponseObject.optional() }),
  z.looseObject({ type: z.literal('response.output_item.added'), item: z.unknown() }),
  z.looseObject({ type: z.literal('response.output_item.done'), item: z.unknown() }),
  z.looseObject({ type: z.literal('response.output_text.delta'), delta: z.string() }),
  z.looseObject({
    type: z.literal('response.reasoning_summary_text.delta'),
    delta: z.string(),
    summary_index: z.number().int(),
  }),
  z.looseObject({
    type: z.literal('response.reasoning_summary_part.added'),
    summary_index: z.number().int(),
  }),
  z.looseObject({
    type: z.literal('response.reasoning_text.delta'),
    delta: z.string(),
    content_index: z.number().int(),
  }),
  z.looseObject({
    type: z.literal('response.completed'),
    // Parsed separately so a bad `response` becomes "failed to parse ResponseCompleted".
    response: z.unknown(),
  }),
  z.looseObject({
    type: z.literal('response.failed'),
    response: z.looseObject({
      error: ResponseErrorBody.optional().nullable(),
      headers: HeaderMap.optional(),
    }),
  }),
  z.looseObject({
    type: z.literal('response.incomplete'),
    response: z.looseObject({
      incomplete_details: z.looseObject({ reason: z.string().optional().nullable() }).optional().nullable(),
      headers: HeaderMap.optional(),
    }),
  }),
  z.looseObject({
    type: z.literal('response.metadata'),
    metadata: z.record(z.string(), z.unknown()).optional(),
    headers: HeaderMap.optional(),
  }),
  CodexRateLimitsEvent,
  z.looseObject({
    type: z.literal('error'),
    status: z.number().int().optional(),
    status_code: z.number().int().optional(),
    error: z.unknown().optional(),
    headers: HeaderMap.optional(),
  }),
  z.looseObject({
    type: z.literal('responsesapi.websocket_timing'),
    timing_metrics: z.record(z.string(), z.number()),
  }),
  // Hosted web search progress and citations (issue 15).
  ...(['in_progress', 'searching', 'completed'] as const).map((s) =>
    z.looseObject({
      type: z.literal(`response.web_search_call.${s}`),
      item_id: z.string(),
      output_index: z.number().int().optional(),
    }),
  ),
  z.looseObject({
    type: z.literal('response.output_text.annotation.added'),
    item_id: z.string(),
    content_index: z.number().int(),
    annotation_index: z.number().int().optional(),
    annotation: z.unknown(),
  }),
])
export type WireEvent = z.infer<typeof WireEvent>
export type KnownWireType = WireEvent['type']

export const ResponseCompleted = z.looseObject({
  id: z.string(),
  usage: Usage.optional().nullable(),
  end_turn: z.boolean().optional().nullable(),
  model: z.string().optional(),
  headers: HeaderMap.optional(),
})

/** An event whose `type` this client does not know: kept, logged, never fatal. */
export interface UnknownWireEvent {
  type: 'unknown'
  wireType: string
  raw: unknown
}

/** A frame that is not a valid event of a known type. */
export interface MalformedWireEvent {
  type: 'malformed'
  reason: string
  text: string
}

export type ParsedWireEvent = WireEvent | UnknownWireEvent | MalformedWireEvent

/** The variant schema for each known `type`, so dispatch is one map lookup. */
const variants = new Map<string, z.ZodType>(WireEvent.options.map((o) => [o.shape.type.value as string, o]))

/** Parse one JSON text payload into the typed union. Never throws. */
export function parseWireEvent(text: string): ParsedWireEvent {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    return { type: 'malformed', reason: `invalid JSON: ${(e as Error).message}`, text }
  }
  return classifyWireEvent(raw, text)
}

export function classifyWireEvent(raw: unknown, text: string): ParsedWireEvent {
  const t = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined
  if (typeof t !== 'string') return { type: 'malformed', reason: 'event has no string "type"', text }
  // Hot path: a text delta is valid iff `delta` is a string (exactly what its schema checks;
  // a unit test holds the two equivalent). Skipping zod here avoids a copy per token.
  if (t === 'response.output_text.delta' && typeof (raw as { delta?: unknown }).delta === 'string') {
    return raw as WireEvent
  }
  const schema = variants.get(t)
  if (!schema) return { type: 'unknown', wireType: t, raw }
  const r = schema.safeParse(raw)
  if (!r.success)
    return { type: 'malformed', reason: `${t}: ${r.error.issues[0]?.message ?? 'invalid'}`, text }
  return r.data as WireEvent
}

/**
 * Parse an output item down to the fields we understand (unknown fields are dropped, so the
 * result has a bounded depth). An item of an unknown shape, or over MAX_ITEM_CHARS, is null.
 */
export function parseItem(raw: unknown): ResponseItem | null {
  const r = ResponseItem.safeParse(raw)
  return r.success && itemChars(r.data) <= MAX_ITEM_CHARS ? r.data : null
}
