// `/audio/transcriptions` and `/audio/speech`, strict like the public API: multipart fields and
// JSON fields checked by name, models, formats and which models stream. Answers are deterministic:
// scripted transcripts (else "heard N ms of audio"), and for speech a tone as long as the text.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { decodeWav, encodeWavPcm16 } from '../../main/core/audio/wav'
import { pcm16ToBytes, tone } from '../../main/core/audio/pcm'
import { readBody } from './decode'
import { apiError, validationError } from './errors'
import { boundaryOf, parseMultipart } from './multipart'
import { sendJson } from './reply'
import type { AudioEmulator, AudioScript } from './audio-types'
import type { EmulatorState } from './state'
import type { RecordedRequest } from './types'

export const AUDIO_PATHS = new Set(['/v1/audio/transcriptions', '/v1/audio/speech'])

const TRANSCRIBE_MODELS = ['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe']
const TRANSCRIBE_FIELDS = new Set([
  'file',
  'model',
  'language',
  'prompt',
  'response_format',
  'temperature',
  'stream',
  'include[]',
  'timestamp_granularities[]',
  'chunking_strategy',
])
const FILE_TYPES = ['flac', 'mp3', 'mp4', 'mpeg', 'mpga', 'm4a', 'ogg', 'wav', 'webm']
const RATE = 24_000

const SpeechRequest = z.strictObject({
  model: z.enum(['tts-1', 'tts-1-hd', 'gpt-4o-mini-tts']),
  input: z.string().min(1).max(4096),
  voice: z.enum([
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
  ]),
  instructions: z.string().max(4096).optional(),
  response_format: z.enum(['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm']).optional(),
  speed: z.number().min(0.25).max(4).optional(),
  stream_format: z.enum(['sse', 'audio']).optional(),
})

export class AudioState {
  private s: AudioScript = {}
  private readonly transcripts: string[] = []
  readonly transcribed: ReturnType<AudioEmulator['transcriptions']> = []
  readonly spoken: Record<string, unknown>[] = []

  api(): AudioEmulator {
    return {
      script: (s) => {
        this.s = { ...s }
        this.transcripts.length = 0
        this.transcripts.push(...(s.transcripts ?? []))
      },
      transcriptions: () => this.transcribed,
      speeches: () => this.spoken,
    }
  }

  get script(): AudioScript {
    return this.s
  }

  nextTranscript(ms: number): string {
    return this.transcripts.shift() ?? `heard ${Math.round(ms)} ms of audio`
  }
}

const bad = (res: ServerResponse, message: string, code: string, param: string | null = null) =>
  sendJson(res, 400, apiError(message, code, { param }))

export async function handleAudio(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  rec: RecordedRequest,
  path: string,
): Promise<void> {
  if (req.method !== 'POST')
    return sendJson(
      res,
      405,
      apiError(`Invalid method for URL (${req.method} ${path})`, 'method_not_allowed'),
    )
  const raw = await readBody(req)
  if (raw === 'too-large') return sendJson(res, 413, apiError('Request body too large.', 'request_too_large'))
  rec.rawBytes = raw.length
  const auth = state.auth.check('api-key', req.headers)
  if (!auth.ok) return sendJson(res, auth.status, auth.body)
  const contentType = rec.headers['content-type'] ?? ''
  if (path.endsWith('/transcriptions')) return transcription(state, res, rec, raw, contentType)
  return speech(state, res, rec, raw, contentType)
}

async function transcription(
  state: EmulatorState,
  res: ServerResponse,
  rec: RecordedRequest,
  raw: Buffer,
  contentType: string,
): Promise<void> {
  const boundary = boundaryOf(contentType)
  if (!boundary)
    return bad(
      res,
      `Invalid Content-Type header ('${contentType}'); expected multipart/form-data.`,
      'invalid_content_type',
    )
  const form = parseMultipart(raw, boundary)
  if (!form.ok) return bad(res, `Malformed multipart body: ${form.message}.`, 'invalid_multipart')
  const fields: Record<string, string> = {}
  let file: { filename: string; data: Buffer } | null = null
  for (const p of form.parts) {
    if (!TRANSCRIBE_FIELDS.has(p.name))
      return bad(res, `Unrecognized request argument supplied: ${p.name}`, 'unknown_parameter', p.name)
    if (p.name === 'file') {
      if (p.filename === null) return bad(res, "'file' must be a file upload.", 'invalid_type', 'file')
      file = { filename: p.filename, data: p.data }
    } else fields[p.name] = p.data.toString('utf8')
  }
  rec.body = { ...fields, file: file ? { filename: file.filename, bytes: file.data.length } : undefined }
  if (!file) return bad(res, "you must provide a 'file' parameter", 'missing_required_parameter', 'file')
  const model = fields.model
  if (model === undefined)
    return bad(res, "you must provide a 'model' parameter", 'missing_required_parameter', 'model')
  if (!TRANSCRIBE_MODELS.includes(model))
    return bad(res, `Invalid model '${model}'.`, 'model_not_found', 'model')
  const ext = file.filename.split('.').pop()?.toLowerCase() ?? ''
  if (!FILE_TYPES.includes(ext))
    return bad(
      res,
      `Invalid file format. Supported formats: ${JSON.stringify(FILE_TYPES)}`,
      'invalid_value',
      'file',
    )
  const format = fields.response_format ?? 'json'
  if (!['json', 'text', 'srt', 'verbose_json', 'vtt'].includes(format))
    return bad(res, `Invalid response_format '${format}'.`, 'invalid_value', 'response_format')
  if (model !== 'whisper-1' && format !== 'json')
    return bad(
      res,
      `response_format '${format}' is not compatible with model '${model}'. Use 'json'.`,
      'unsupported_value',
      'response_format',
    )
  const stream = fields.stream
  if (stream !== undefined && stream !== 'true' && stream !== 'false')
    return bad(res, `Invalid value for 'stream': expected a boolean.`, 'invalid_type', 'stream')
  if (stream === 'true' && model === 'whisper-1')
    return bad(res, "Streaming is not supported for the 'whisper-1' model.", 'unsupported_value', 'stream')
  let seconds = 0
  if (ext === 'wav') {
    try {
      const wav = decodeWav(new Uint8Array(file.data))
      seconds = wav.samples.length / wav.channels / wav.sampleRate
    } catch (e) {
      return bad(res, `Audio file could not be decoded: ${(e as Error).message}`, 'invalid_value', 'file')
    }
  }
  const a = state.audioState
  a.transcribed.push({ fields, filename: file.filename, bytes: file.data.length, seconds })
  const text = a.nextTranscript(seconds * 1000)
  if (a.script.latencyMs) await state.sleep(a.script.latencyMs)
  if (stream !== 'true') {
    if (format === 'text') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      return void res.end(text)
    }
    return sendJson(res, 200, { text, usage: { type: 'duration', seconds: Math.ceil(seconds) } })
  }
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' })
  for (const word of text.split(/(?<= )/)) {
    res.write(`data: ${JSON.stringify({ type: 'transcript.text.delta', delta: word })}\n\n`)
  }
  const usage = {
    type: 'tokens',
    input_tokens: Math.ceil(seconds * 10),
    output_tokens: text.length,
    total_tokens: Math.ceil(seconds * 10) + text.length,
  }
  res.end(`data: ${JSON.stringify({ type: 'transcript.text.done', text, usage })}\n\n`)
}

async function speech(
  state: EmulatorState,
  res: ServerResponse,
  rec: RecordedRequest,
  raw: Buffer,
  contentType: string,
): Promise<void> {
  if (contentType.split(';')[0]?.trim().toLowerCase() !== 'application/json')
    return bad(
      res,
      `Invalid Content-Type header ('${contentType}'); expected 'application/json'.`,
      'invalid_content_type',
    )
  let json: unknown
  try {
    json = JSON.parse(raw.toString('utf8'))
  } catch {
    return bad(res, 'We could not parse the JSON body of your request.', 'invalid_json')
  }
  rec.body = json
  const parsed = SpeechRequest.safeParse(json)
  if (!parsed.success) return sendJson(res, 400, validationError(parsed.error, json))
  const r = parsed.data
  const old = r.model === 'tts-1' || r.model === 'tts-1-hd'
  if (old && r.instructions !== undefined)
    return bad(
      res,
      `'instructions' is not supported for model '${r.model}'.`,
      'unsupported_value',
      'instructions',
    )
  if (old && r.stream_format === 'sse')
    return bad(
      res,
      `stream_format 'sse' is not supported for model '${r.model}'.`,
      'unsupported_value',
      'stream_format',
    )
  const format = r.response_format ?? 'mp3'
  if (format !== 'pcm' && format !== 'wav')
    return bad(
      res,
      `The emulator synthesizes only 'pcm' and 'wav' (asked '${format}').`,
      'unsupported_value',
      'response_format',
    )
  const a = state.audioState
  a.spoken.push(r)
  const samples = Math.round(((a.script.msPerChar ?? 5) * r.input.length * RATE) / 1000 / (r.speed ?? 1))
  const pcm = pcm16ToBytes(tone(samples, { hz: 220, amplitude: 0.2 }))
  if (a.script.latencyMs) await state.sleep(a.script.latencyMs)
  if (r.stream_format === 'sse') {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' })
    for (let at = 0; at < pcm.length; at += 4800) {
      const audio = Buffer.from(pcm.subarray(at, at + 4800)).toString('base64')
      res.write(`data: ${JSON.stringify({ type: 'speech.audio.delta', audio })}\n\n`)
    }
    const usage = {
      input_tokens: r.input.length,
      output_tokens: samples,
      total_tokens: r.input.length + samples,
    }
    return void res.end(`data: ${JSON.stringify({ type: 'speech.audio.done', usage })}\n\n`)
  }
  const body = format === 'wav' ? encodeWavPcm16(tone(samples, { hz: 220, amplitude: 0.2 }), RATE) : pcm
  res.writeHead(200, { 'content-type': format === 'wav' ? 'audio/wav' : 'audio/pcm' })
  // 100 ms per write, paced in real time when scripted so (the first one at once).
  for (let at = 0; at < body.length && !res.destroyed; at += 4800) {
    if (at > 0 && a.script.realTime) await state.sleep(100)
    await new Promise<void>((resolve) => {
      if (res.write(body.subarray(at, at + 4800))) return resolve()
      const done = () => {
        res.off('drain', done)
        res.off('close', done)
        resolve()
      }
      res.once('drain', done)
      res.once('close', done)
    })
  }
  res.end()
}
