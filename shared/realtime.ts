// Realtime voice (protocol.md §10): the ops hosts submit, the events the engine emits, and the
// server → client wire events of both dialects. Audio crosses IPC and the browser-host socket as
// bytes; only the engine turns it into base64, when it writes the wire frame.
import { z } from 'zod'

/** The one audio format on both sides: PCM16 little-endian, 24 kHz, mono (§10.2). */
export const REALTIME_SAMPLE_RATE = 24_000
/** One second of 24 kHz mono PCM16; capture sends ~20 ms (960 bytes) at a time. */
export const MAX_REALTIME_FRAME_BYTES = 48_000
export const MAX_REALTIME_TEXT_CHARS = 20_000
export const MAX_REALTIME_PROMPT_CHARS = 50_000

/** `gen0`: the codex backend (`session.create`); `v2`: the public Realtime API (GA, `session.update`). */
export const RealtimeDialect = z.enum(['gen0', 'v2'])
export type RealtimeDialect = z.infer<typeof RealtimeDialect>
/** Hands-free (server voice-activity detection) or push-to-talk (the host commits each turn). */
export const RealtimeMode = z.enum(['vad', 'ptt'])
export type RealtimeMode = z.infer<typeof RealtimeMode>

/** Bytes of PCM16: a Uint8Array (Buffer too) or an ArrayBuffer, whole samples, at most one second. */
export const PcmFrame = z
  .union([z.instanceof(Uint8Array), z.instanceof(ArrayBuffer)])
  .transform((b) => (b instanceof Uint8Array ? b : new Uint8Array(b)))
  .refine(
    (b) => b.byteLength > 0 && b.byteLength <= MAX_REALTIME_FRAME_BYTES && b.byteLength % 2 === 0,
    `PCM16 frame must be a whole number of samples, 2 to ${MAX_REALTIME_FRAME_BYTES} bytes`,
  )

// ---- Ops ---------------------------------------------------------------------------------------

export const RealtimeStartOp = z.strictObject({
  type: z.literal('realtime_start'),
  prompt: z.string().max(MAX_REALTIME_PROMPT_CHARS),
  /** Append the transcripts to this conversation; a new one when absent. */
  conversationId: z.string().uuid().optional(),
  mode: RealtimeMode.optional(),
  dialect: RealtimeDialect.optional(),
  model: z.string().min(1).max(200).optional(),
  voice: z.string().min(1).max(100).optional(),
})
export const RealtimeAudioOp = z.strictObject({ type: z.literal('realtime_audio'), frame: PcmFrame })
export const RealtimeTextOp = z.strictObject({
  type: z.literal('realtime_text'),
  text: z.string().min(1).max(MAX_REALTIME_TEXT_CHARS),
})
/** Change the prompt of the running conversation (`session.update`). */
export const RealtimePromptOp = z.strictObject({
  type: z.literal('realtime_prompt'),
  prompt: z.string().max(MAX_REALTIME_PROMPT_CHARS),
})
/** Push-to-talk release: commit the input buffer and ask for a response. */
export const RealtimeCommitOp = z.strictObject({ type: z.literal('realtime_commit') })
/** Push-to-talk press: discard audio the server has buffered but not committed. */
export const RealtimeClearOp = z.strictObject({ type: z.literal('realtime_clear') })
/**
 * Barge-in: playback stopped after `playedSamples` samples (at the item's output rate) of the
 * assistant's audio item; the server truncates the item there so its transcript matches what was heard.
 */
export const RealtimeTruncateOp = z.strictObject({
  type: z.literal('realtime_truncate'),
  /** Default: the assistant item whose audio arrived last. */
  itemId: z.string().min(1).max(200).optional(),
  playedSamples: z.number().int().nonnegative(),
})
export const RealtimeCloseOp = z.strictObject({ type: z.literal('realtime_close') })

export const RealtimeOp = z.discriminatedUnion('type', [
  RealtimeStartOp,
  RealtimeAudioOp,
  RealtimeTextOp,
  RealtimePromptOp,
  RealtimeCommitOp,
  RealtimeClearOp,
  RealtimeTruncateOp,
  RealtimeCloseOp,
])
export type RealtimeOp = z.infer<typeof RealtimeOp>
export type RealtimeStartOp = z.infer<typeof RealtimeStartOp>

// ---- The realtime_event payload: one stable tagged union for both dialects -----------------------

const opt = z.string().optional()
const RawItem = z.record(z.string(), z.unknown())

export const RealtimeEventPayload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('session_created'), sessionId: z.string().nullable() }),
  z.object({ kind: z.literal('session_updated'), sessionId: opt, instructions: opt }),
  z.object({ kind: z.literal('speech_started'), itemId: opt, audioStartMs: z.number().optional() }),
  z.object({ kind: z.literal('speech_stopped'), itemId: opt, audioEndMs: z.number().optional() }),
  z.object({ kind: z.literal('input_committed'), itemId: opt }),
  z.object({ kind: z.literal('input_cleared') }),
  z.object({ kind: z.literal('input_transcript_delta'), itemId: opt, delta: z.string() }),
  z.object({ kind: z.literal('input_transcript_done'), itemId: opt, text: z.string() }),
  z.object({ kind: z.literal('output_transcript_delta'), itemId: opt, responseId: opt, delta: z.string() }),
  z.object({ kind: z.literal('output_transcript_done'), itemId: opt, responseId: opt, text: z.string() }),
  z.object({ kind: z.literal('output_audio_done'), itemId: opt, responseId: opt }),
  z.object({ kind: z.literal('item_added'), itemId: opt, item: RawItem }),
  z.object({ kind: z.literal('item_done'), itemId: opt, item: RawItem }),
  z.object({ kind: z.literal('item_truncated'), itemId: z.string(), audioEndMs: z.number() }),
  z.object({ kind: z.literal('response_created'), responseId: opt }),
  z.object({ kind: z.literal('response_done'), responseId: opt, status: opt }),
  z.object({ kind: z.literal('response_cancelled'), responseId: opt }),
  z.object({ kind: z.literal('error'), message: z.string(), code: opt, itemId: opt }),
])
export type RealtimeEventPayload = z.infer<typeof RealtimeEventPayload>

// ---- Events (appended to EngineEvent in events.ts) -----------------------------------------------

export const RealtimeStartedEvent = z.object({
  type: z.literal('realtime_started'),
  conversationId: z.string(),
  dialect: RealtimeDialect,
  mode: RealtimeMode,
  model: z.string(),
})
export const RealtimeEventEvent = z.object({
  type: z.literal('realtime_event'),
  conversationId: z.string(),
  payload: RealtimeEventPayload,
})
/**
 * The assistant's audio. Its own event, not a `realtime_event` payload, because the bridge carries
 * binary only in top-level fields (shared/bridge/frames.ts).
 */
export const RealtimeAudioOutEvent = z.object({
  type: z.literal('realtime_audio_out'),
  conversationId: z.string(),
  itemId: z.string().optional(),
  responseId: z.string().optional(),
  sampleRate: z.number().int().positive(),
  channels: z.number().int().positive(),
  /** PCM16 LE, interleaved when channels > 1; at most MAX_REALTIME_FRAME_BYTES per event. */
  pcm: z.instanceof(Uint8Array),
})
export const RealtimeClosedEvent = z.object({
  type: z.literal('realtime_closed'),
  conversationId: z.string(),
  reason: z.enum(['requested', 'transport_closed', 'error']),
  message: z.string().optional(),
})
export type RealtimeEngineEvent =
  | z.infer<typeof RealtimeStartedEvent>
  | z.infer<typeof RealtimeEventEvent>
  | z.infer<typeof RealtimeAudioOutEvent>
  | z.infer<typeof RealtimeClosedEvent>

// ---- Server → client wire events ------------------------------------------------------------------
// Loose objects: servers add fields over time. Beta-era aliases (§10.4) share a variant.

const str = z.string().optional()
const responseRef = z.looseObject({ id: str, status: z.string().optional() }).optional()
const WireItem = z.looseObject({ id: str, type: z.string() })

const SessionCreated = z.looseObject({
  type: z.literal('session.created'),
  session: z.looseObject({ id: str }).optional(),
  session_id: str,
})
const SessionUpdated = z.looseObject({
  type: z.literal('session.updated'),
  session: z.looseObject({ id: str, instructions: str, backend_prompt: str }).optional(),
})
const audioFields = {
  delta: str,
  data: str,
  item_id: str,
  response_id: str,
  content_index: z.number().int().optional(),
  samples_per_channel: z.number().int().positive().optional(),
}
/** GA: rate and channels default to 24000 Hz mono. */
const OutputAudioDelta = z.looseObject({
  type: z.literal(['response.output_audio.delta', 'response.audio.delta']),
  ...audioFields,
  sample_rate: z.number().int().positive().optional(),
  num_channels: z.number().int().positive().optional(),
  channels: z.number().int().positive().optional(),
})
/** Gen 0: `sample_rate` and `num_channels` are required (§10.2). */
const Gen0OutputAudioDelta = z.looseObject({
  type: z.literal('response.output_audio.delta'),
  ...audioFields,
  sample_rate: z.number().int().positive(),
  num_channels: z.number().int().positive(),
})
const OutputAudioDone = z.looseObject({
  type: z.literal(['response.output_audio.done', 'response.audio.done']),
  item_id: str,
  response_id: str,
})
const InputTranscriptDelta = z.looseObject({
  type: z.literal([
    'conversation.item.input_audio_transcription.delta',
    'conversation.input_transcript.delta',
  ]),
  item_id: str,
  delta: z.string(),
})
const InputTranscriptDone = z.looseObject({
  type: z.literal('conversation.item.input_audio_transcription.completed'),
  item_id: str,
  transcript: z.string(),
})
const InputTranscriptFailed = z.looseObject({
  type: z.literal('conversation.item.input_audio_transcription.failed'),
  item_id: str,
  error: z.unknown().optional(),
})
const OutputTranscriptDelta = z.looseObject({
  type: z.literal([
    'response.output_audio_transcript.delta',
    'response.audio_transcript.delta',
    'response.output_text.delta',
    'response.text.delta',
    'conversation.output_transcript.delta',
  ]),
  item_id: str,
  response_id: str,
  delta: z.string(),
})
const OutputTranscriptDone = z.looseObject({
  type: z.literal([
    'response.output_audio_transcript.done',
    'response.audio_transcript.done',
    'response.output_text.done',
    'response.text.done',
  ]),
  item_id: str,
  response_id: str,
  transcript: str,
  text: str,
})
const SpeechStarted = z.looseObject({
  type: z.literal('input_audio_buffer.speech_started'),
  item_id: str,
  audio_start_ms: z.number().optional(),
})
const SpeechStopped = z.looseObject({
  type: z.literal('input_audio_buffer.speech_stopped'),
  item_id: str,
  audio_end_ms: z.number().optional(),
})
const InputCommitted = z.looseObject({ type: z.literal('input_audio_buffer.committed'), item_id: str })
const InputCleared = z.looseObject({ type: z.literal('input_audio_buffer.cleared') })
const ItemAdded = z.looseObject({
  type: z.literal(['conversation.item.added', 'conversation.item.created']),
  item: WireItem,
})
const ItemDone = z.looseObject({ type: z.literal('conversation.item.done'), item: WireItem })
const ItemTruncated = z.looseObject({
  type: z.literal('conversation.item.truncated'),
  item_id: z.string(),
  audio_end_ms: z.number(),
})
const responseFields = { response: responseRef, response_id: str }
const ResponseCreated = z.looseObject({ type: z.literal('response.created'), ...responseFields })
const ResponseDone = z.looseObject({ type: z.literal('response.done'), ...responseFields })
const ResponseCancelled = z.looseObject({ type: z.literal('response.cancelled'), ...responseFields })
/** Gen 0 sends `message`; GA sends `error: {type, code, message, param, event_id}`. */
const ServerError = z.looseObject({ type: z.literal('error'), message: str, error: z.unknown().optional() })

const commonVariants = [
  SessionCreated,
  SessionUpdated,
  OutputAudioDone,
  InputTranscriptDelta,
  InputTranscriptDone,
  InputTranscriptFailed,
  OutputTranscriptDelta,
  OutputTranscriptDone,
  SpeechStarted,
  SpeechStopped,
  InputCommitted,
  InputCleared,
  ItemAdded,
  ItemDone,
  ItemTruncated,
  ResponseCreated,
  ResponseDone,
  ResponseCancelled,
  ServerError,
] as const

function knownTypes(variants: readonly { shape: { type: { values: Set<unknown> } } }[]): Set<string> {
  return new Set(variants.flatMap((v) => [...v.shape.type.values].map(String)))
}

/** Any event whose type this client does not handle: tolerated, never an error (§10.2 "others ignored"). */
function unknownVariant(known: Set<string>) {
  return z
    .looseObject({ type: z.string().refine((t) => !known.has(t)) })
    .transform((e) => ({ type: 'unknown' as const, eventType: e.type }))
}

const gaVariants = [OutputAudioDelta, ...commonVariants] as const
export const GA_EVENT_TYPES = knownTypes(gaVariants)
export const GaKnownServerEvent = z.discriminatedUnion('type', [...gaVariants])
export const GaServerEvent = z.union([GaKnownServerEvent, unknownVariant(GA_EVENT_TYPES)])

// Gen 0 tolerates the GA events too (a later backend sends them); only its audio delta is stricter.
const gen0Variants = [Gen0OutputAudioDelta, ...commonVariants] as const
export const GEN0_EVENT_TYPES = knownTypes(gen0Variants)
export const Gen0KnownServerEvent = z.discriminatedUnion('type', [...gen0Variants])
export const Gen0ServerEvent = z.union([Gen0KnownServerEvent, unknownVariant(GEN0_EVENT_TYPES)])

export type RealtimeServerEvent = z.infer<typeof GaServerEvent> | z.infer<typeof Gen0ServerEvent>
