// `/audio/transcriptions`: a WAV in, text out. Models of the gpt-4o-transcribe family stream
// (`stream=true` → SSE `transcript.text.delta` … `transcript.text.done`); `whisper-1` does not,
// so it gets one JSON answer.
import { StringDecoder } from 'node:string_decoder'
import { TranscriptStreamEvent, TranscriptionJson } from '@shared/speech'
import { ModelError } from '../responses/errors'
import { SseParser } from '../responses/sse-parser'
import type { Provider } from '../provider'
import { multipartBody } from './multipart'
import { postStreaming } from './http-body'

export const DEFAULT_DICTATION_MODEL = 'gpt-4o-mini-transcribe'
/** A transcript of five minutes is a few KB; a JSON or SSE answer past this is not one (cf. http-get MAX_BODY). */
export const MAX_TRANSCRIPTION_ANSWER_BYTES = 8 * 1024 * 1024

/** Whether the API streams this model's transcript (`whisper-1` answers once). */
export function transcriptionStreams(model: string): boolean {
  return model !== 'whisper-1'
}

export interface TranscribeRequest {
  provider: Provider
  defaultHeaders: Record<string, string>
  wav: Uint8Array
  model?: string
  language?: string
  signal?: AbortSignal
  onDelta?: (delta: string) => void
}

export interface Transcript {
  text: string
  /** Sending the request to the last byte of the answer. */
  serviceMs: number
}

export async function transcribe(r: TranscribeRequest): Promise<Transcript> {
  const model = r.model ?? DEFAULT_DICTATION_MODEL
  const stream = transcriptionStreams(model)
  const fields: Record<string, string> = { model, response_format: 'json' }
  if (r.language) fields.language = r.language
  if (stream) fields.stream = 'true'
  const { body, contentType } = multipartBody(fields, {
    name: 'file',
    filename: 'dictation.wav',
    contentType: 'audio/wav',
    data: r.wav,
  })
  let text: string | null = null
  let streamed = ''
  const raw: Buffer[] = []
  const decoder = new StringDecoder('utf8')
  const parser = new SseParser((data) => {
    let json: unknown
    try {
      json = JSON.parse(data)
    } catch {
      return
    }
    const e = TranscriptStreamEvent.safeParse(json)
    if (!e.success) return
    if (e.data.type === 'transcript.text.delta' && typeof e.data.delta === 'string') {
      streamed += e.data.delta
      r.onDelta?.(e.data.delta)
    } else if (e.data.type === 'transcript.text.done' && typeof e.data.text === 'string') text = e.data.text
  })
  const started = performance.now()
  await postStreaming({
    provider: r.provider,
    defaultHeaders: r.defaultHeaders,
    path: 'audio/transcriptions',
    headers: { 'Content-Type': contentType, Accept: stream ? 'text/event-stream' : 'application/json' },
    body,
    signal: r.signal ?? new AbortController().signal,
    maxBytes: MAX_TRANSCRIPTION_ANSWER_BYTES,
    onChunk: (chunk, type) => {
      if (type.includes('text/event-stream')) parser.push(decoder.write(chunk))
      else raw.push(chunk)
    },
  })
  const serviceMs = performance.now() - started
  if (raw.length > 0) {
    const body = Buffer.concat(raw).toString('utf8')
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch {
      throw new ModelError('the transcription answer was not JSON', 'malformed_event', false)
    }
    const parsed = TranscriptionJson.safeParse(json)
    if (!parsed.success)
      throw new ModelError('the transcription answer has no text', 'malformed_event', false)
    return { text: parsed.data.text, serviceMs }
  }
  parser.push(decoder.end())
  if (text === null && streamed === '')
    throw new ModelError('the transcription stream ended without text', 'stream_closed', false)
  return { text: text ?? streamed, serviceMs }
}
