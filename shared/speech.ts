// Dictation (speech → text into the composer) and read aloud (text → speech), issue 17. Ops the
// hosts submit and the events the engine emits. Audio crosses the bridge as bytes in top-level
// fields (shared/bridge/frames.ts), never base64.
import { z } from 'zod'
import { PcmFrame } from './realtime'

/** `/audio/speech` with `response_format: pcm` is 24 kHz mono PCM16 LE; dictation frames are the same. */
export const SPEECH_SAMPLE_RATE = 24_000
/** Five minutes of 24 kHz PCM16: a dictation longer than this is cut (the upload limit is 25 MB). */
export const MAX_DICTATION_BYTES = SPEECH_SAMPLE_RATE * 2 * 300
/** The service's limit per `/audio/speech` request is 4096 characters; chunks stay well below. */
export const MAX_SPEECH_INPUT_CHARS = 4096
export const MAX_SPEECH_TEXT_CHARS = 200_000
/** Bytes of PCM per `speech_audio` event (half a second). */
export const SPEECH_AUDIO_EVENT_BYTES = 24_000
/** The voices `/audio/speech` accepts (settings offer these). */
export const SPEECH_VOICES = [
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'fable',
  'nova',
  'onyx',
  'sage',
  'shimmer',
  'verse',
  'marin',
  'cedar',
] as const

const Id = z.string().uuid()
export const DictationVia = z.enum(['transcriptions', 'realtime'])
export type DictationVia = z.infer<typeof DictationVia>
const Model = z.string().min(1).max(200)

/** How code blocks are read: skipped ("Code block skipped.") or summarized ("A code block in Python, 12 lines."). */
export const CodeBlockRule = z.enum(['skip', 'summarize'])
export type CodeBlockRule = z.infer<typeof CodeBlockRule>

// ---- Ops ---------------------------------------------------------------------------------------

export const DictationStartOp = z.strictObject({
  type: z.literal('dictation_start'),
  dictationId: Id,
  /** Transcription model (`gpt-4o-mini-transcribe` by default); `whisper-1` does not stream. */
  model: Model.optional(),
  language: z.string().min(2).max(10).optional(),
  /** `/audio/transcriptions` after Stop (default), or a Realtime transcription session while speaking. */
  via: DictationVia.optional(),
})
export const DictationAudioOp = z.strictObject({
  type: z.literal('dictation_audio'),
  dictationId: Id,
  frame: PcmFrame,
})
/** End of speech: transcribe what was recorded. */
export const DictationStopOp = z.strictObject({ type: z.literal('dictation_stop'), dictationId: Id })
export const DictationCancelOp = z.strictObject({ type: z.literal('dictation_cancel'), dictationId: Id })

export const SpeechStartOp = z.strictObject({
  type: z.literal('speech_start'),
  speechId: Id,
  text: z.string().min(1).max(MAX_SPEECH_TEXT_CHARS),
  model: Model.optional(),
  voice: z.string().min(1).max(100).optional(),
  codeBlocks: CodeBlockRule.optional(),
})
export const SpeechStopOp = z.strictObject({ type: z.literal('speech_stop'), speechId: Id })

export const SpeechOp = z.discriminatedUnion('type', [
  DictationStartOp,
  DictationAudioOp,
  DictationStopOp,
  DictationCancelOp,
  SpeechStartOp,
  SpeechStopOp,
])
export type SpeechOp = z.infer<typeof SpeechOp>

// ---- Events (appended to EngineEvent in events.ts) -----------------------------------------------

export const DictationDeltaEvent = z.object({
  type: z.literal('dictation_delta'),
  dictationId: z.string(),
  delta: z.string(),
})
export const DictationDoneEvent = z.object({
  type: z.literal('dictation_done'),
  dictationId: z.string(),
  text: z.string(),
  /** The transcription request, from sending it to its last byte (the service's own latency). */
  serviceMs: z.number(),
})
export const DictationErrorEvent = z.object({
  type: z.literal('dictation_error'),
  dictationId: z.string(),
  message: z.string(),
})
export const SpeechStartedEvent = z.object({
  type: z.literal('speech_started'),
  speechId: z.string(),
  /** Requests the text was cut into (by sentence). */
  chunks: z.number().int(),
  /** Code blocks skipped or summarized under the rule. */
  codeBlocks: z.number().int(),
})
export const SpeechAudioEvent = z.object({
  type: z.literal('speech_audio'),
  speechId: z.string(),
  sampleRate: z.number().int().positive(),
  /** PCM16 LE mono, at most SPEECH_AUDIO_EVENT_BYTES. */
  pcm: z.instanceof(Uint8Array),
  /** Time from `speech_start` to the first byte of the service's answer (first event only). */
  serviceFirstByteMs: z.number().optional(),
})
export const SpeechDoneEvent = z.object({
  type: z.literal('speech_done'),
  speechId: z.string(),
  reason: z.enum(['finished', 'stopped', 'error']),
  message: z.string().optional(),
})

export type SpeechEngineEvent =
  | z.infer<typeof DictationDeltaEvent>
  | z.infer<typeof DictationDoneEvent>
  | z.infer<typeof DictationErrorEvent>
  | z.infer<typeof SpeechStartedEvent>
  | z.infer<typeof SpeechAudioEvent>
  | z.infer<typeof SpeechDoneEvent>

// ---- Wire: the public API's answers ----------------------------------------------------------------

/** `/audio/transcriptions` with `stream: true` (gpt-4o-transcribe family): SSE events. */
export const TranscriptStreamEvent = z.union([
  z.looseObject({ type: z.literal('transcript.text.delta'), delta: z.string() }),
  z.looseObject({ type: z.literal('transcript.text.done'), text: z.string() }),
  z.looseObject({ type: z.string() }),
])
/** `/audio/transcriptions` with `response_format: json`. */
export const TranscriptionJson = z.looseObject({ text: z.string() })
