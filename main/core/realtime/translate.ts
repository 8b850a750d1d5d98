// Server → client: every text frame is parsed through the dialect's zod union (with its explicit
// unknown variant) and turned into the engine's stable payloads (shared/realtime.ts).
import {
  MAX_REALTIME_FRAME_BYTES,
  GA_EVENT_TYPES,
  GEN0_EVENT_TYPES,
  GaServerEvent,
  Gen0ServerEvent,
  REALTIME_SAMPLE_RATE,
  type RealtimeDialect,
  type RealtimeEventPayload,
  type RealtimeServerEvent,
} from '@shared/realtime'

export interface AudioOut {
  itemId?: string
  responseId?: string
  sampleRate: number
  channels: number
  pcm: Uint8Array
}

export type Inbound =
  /** `fatal`: the conversation cannot go on (a Gen 0 error event, §10.1). */
  | { kind: 'event'; payload: RealtimeEventPayload; fatal: boolean }
  | { kind: 'audio'; audio: AudioOut }
  | { kind: 'ignored'; eventType: string }
  /** `fatal` for a binary frame: the peer does not speak this protocol. */
  | { kind: 'malformed'; message: string; fatal?: boolean }

function describeIssue(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const i = issues[0]
  if (!i) return 'rejected'
  return `${i.path.map(String).join('.') || 'event'}: ${i.message}`
}

/** Parse one text frame of `dialect`. Never throws. */
export function parseInbound(dialect: RealtimeDialect, text: string): Inbound {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { kind: 'malformed', message: 'realtime event is not valid JSON' }
  }
  const schema = dialect === 'gen0' ? Gen0ServerEvent : GaServerEvent
  const r = schema.safeParse(json)
  if (!r.success) {
    const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined
    const known =
      typeof type === 'string' && (dialect === 'gen0' ? GEN0_EVENT_TYPES : GA_EVENT_TYPES).has(type)
    // A known type that fails its schema: re-check against its own variant for a useful message.
    const issues = known
      ? r.error.issues.flatMap((i) => ('errors' in i ? i.errors.flat() : [i]))
      : r.error.issues
    return {
      kind: 'malformed',
      message: `malformed realtime event${typeof type === 'string' ? ` "${type}"` : ''}: ${describeIssue(issues)}`,
    }
  }
  return translate(dialect, r.data)
}

const ev = (payload: RealtimeEventPayload, fatal = false): Inbound => ({ kind: 'event', payload, fatal })

function errorMessage(message: string | undefined, error: unknown): { message: string; code?: string } {
  const obj = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : null
  const code = typeof obj?.code === 'string' ? obj.code : undefined
  const text =
    message ??
    (typeof obj?.message === 'string' ? obj.message : undefined) ??
    (error !== undefined ? JSON.stringify(error) : 'realtime error')
  return code ? { message: text, code } : { message: text }
}

function translate(dialect: RealtimeDialect, e: RealtimeServerEvent): Inbound {
  switch (e.type) {
    case 'unknown':
      return { kind: 'ignored', eventType: e.eventType }
    case 'session.created':
      return ev({ kind: 'session_created', sessionId: e.session?.id ?? e.session_id ?? null })
    case 'session.updated': {
      const instructions = e.session?.instructions ?? e.session?.backend_prompt
      return ev({
        kind: 'session_updated',
        ...(e.session?.id ? { sessionId: e.session.id } : {}),
        ...(instructions !== undefined ? { instructions } : {}),
      })
    }
    case 'response.output_audio.delta':
    case 'response.audio.delta': {
      const b64 = e.delta ?? e.data
      if (b64 === undefined) return { kind: 'malformed', message: `${e.type} without delta or data` }
      const x = e as { sample_rate?: number; num_channels?: number; channels?: number }
      const audio: AudioOut = {
        sampleRate: x.sample_rate ?? REALTIME_SAMPLE_RATE,
        channels: x.num_channels ?? x.channels ?? 1,
        pcm: Buffer.from(b64, 'base64'),
      }
      if (e.item_id) audio.itemId = e.item_id
      if (e.response_id) audio.responseId = e.response_id
      return { kind: 'audio', audio }
    }
    case 'response.output_audio.done':
    case 'response.audio.done':
      return ev({ kind: 'output_audio_done', itemId: e.item_id, responseId: e.response_id })
    case 'conversation.item.input_audio_transcription.delta':
    case 'conversation.input_transcript.delta':
      return ev({ kind: 'input_transcript_delta', itemId: e.item_id, delta: e.delta })
    case 'conversation.item.input_audio_transcription.completed':
      return ev({ kind: 'input_transcript_done', itemId: e.item_id, text: e.transcript })
    case 'conversation.item.input_audio_transcription.failed':
      return ev({
        kind: 'error',
        message: errorMessage(undefined, e.error ?? 'input audio transcription failed').message,
        code: 'transcription_failed',
        itemId: e.item_id,
      })
    case 'response.output_audio_transcript.delta':
    case 'response.audio_transcript.delta':
    case 'response.output_text.delta':
    case 'response.text.delta':
    case 'conversation.output_transcript.delta':
      return ev({
        kind: 'output_transcript_delta',
        itemId: e.item_id,
        responseId: e.response_id,
        delta: e.delta,
      })
    case 'response.output_audio_transcript.done':
    case 'response.audio_transcript.done':
    case 'response.output_text.done':
    case 'response.text.done':
      return ev({
        kind: 'output_transcript_done',
        itemId: e.item_id,
        responseId: e.response_id,
        text: e.transcript ?? e.text ?? '',
      })
    case 'input_audio_buffer.speech_started':
      return ev({ kind: 'speech_started', itemId: e.item_id, audioStartMs: e.audio_start_ms })
    case 'input_audio_buffer.speech_stopped':
      return ev({ kind: 'speech_stopped', itemId: e.item_id, audioEndMs: e.audio_end_ms })
    case 'input_audio_buffer.committed':
      return ev({ kind: 'input_committed', itemId: e.item_id })
    case 'input_audio_buffer.cleared':
      return ev({ kind: 'input_cleared' })
    case 'conversation.item.added':
    case 'conversation.item.created':
      return ev({ kind: 'item_added', itemId: e.item.id, item: e.item })
    case 'conversation.item.done':
      return ev({ kind: 'item_done', itemId: e.item.id, item: e.item })
    case 'conversation.item.truncated':
      return ev({ kind: 'item_truncated', itemId: e.item_id, audioEndMs: e.audio_end_ms })
    case 'response.created':
      return ev({ kind: 'response_created', responseId: e.response?.id ?? e.response_id })
    case 'response.done':
      return ev({
        kind: 'response_done',
        responseId: e.response?.id ?? e.response_id,
        status: e.response?.status,
      })
    case 'response.cancelled':
      return ev({ kind: 'response_cancelled', responseId: e.response?.id ?? e.response_id })
    case 'error':
      // The codex backend ends the conversation on an error (§10.1); the public API reports
      // recoverable problems (e.g. nothing to cancel) and keeps the session open.
      return ev({ kind: 'error', ...errorMessage(e.message, e.error) }, dialect === 'gen0')
  }
}

/**
 * Audio for events: chunks within the bridge's frame limit, whole sample frames each, and copies, so
 * no event pins (or, through structured clone, exposes) the buffer pool base64 decoding used.
 */
export function audioChunks(pcm: Uint8Array, frameBytes: number): Uint8Array<ArrayBuffer>[] {
  const max = MAX_REALTIME_FRAME_BYTES - (MAX_REALTIME_FRAME_BYTES % frameBytes)
  const out: Uint8Array<ArrayBuffer>[] = []
  for (let at = 0; at < pcm.byteLength; at += max) out.push(new Uint8Array(pcm.subarray(at, at + max)))
  return out
}
