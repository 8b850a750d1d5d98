// Strict checks of realtime client frames: the session configuration and every audio append.

export const RATE = 24_000
/** One second of 24 kHz mono PCM16: capture frames are ~20 ms, anything above this is a bug. */
export const MAX_AUDIO_FRAME_BYTES = 48_000
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string }

const isRecord = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Decode strict base64 PCM16 audio of a sane size. */
export function checkAudio(b64: unknown, field: string): Checked<Buffer> {
  if (typeof b64 !== 'string') return { ok: false, problem: `'${field}' must be a base64 string` }
  const pcm = Buffer.from(b64, 'base64')
  // Node decodes leniently; a strict decoder would refuse what does not re-encode identically.
  if (b64.length % 4 !== 0 || !BASE64_CHARS.test(b64) || pcm.toString('base64') !== b64) {
    return { ok: false, problem: `'${field}' is not valid base64` }
  }
  if (pcm.byteLength === 0) return { ok: false, problem: `'${field}' is empty` }
  if (pcm.byteLength % 2 !== 0)
    return { ok: false, problem: `'${field}' is not PCM16: odd byte length ${pcm.byteLength}` }
  if (pcm.byteLength > MAX_AUDIO_FRAME_BYTES) {
    return {
      ok: false,
      problem: `'${field}' frame too large: ${pcm.byteLength} bytes (max ${MAX_AUDIO_FRAME_BYTES}, 1 s)`,
    }
  }
  return { ok: true, value: pcm }
}

/** Gen 0 `response.input_audio.delta`: 24 kHz mono, `samples_per_channel` consistent with the bytes. */
export function checkGen0Audio(frame: Record<string, any>): Checked<Buffer> {
  const pcm = checkAudio(frame.delta, 'delta')
  if (!pcm.ok) return pcm
  if (frame.sample_rate !== RATE)
    return { ok: false, problem: `sample_rate must be ${RATE}, got ${frame.sample_rate}` }
  if (frame.num_channels !== 1)
    return { ok: false, problem: `num_channels must be 1, got ${frame.num_channels}` }
  const samples = pcm.value.byteLength / 2
  if (frame.samples_per_channel !== undefined && frame.samples_per_channel !== samples) {
    return {
      ok: false,
      problem: `samples_per_channel ${frame.samples_per_channel} does not match ${samples} samples`,
    }
  }
  return pcm
}

export interface V2Session {
  instructions: string | undefined
  vad: boolean
  interruptResponse: boolean
  createResponse: boolean
  transcription: boolean
  voice: string | undefined
}

/** GA `session.update`: type realtime, PCM 24 kHz formats where given. */
export function checkV2Session(frame: Record<string, any>, current?: V2Session): Checked<V2Session> {
  const s = frame.session
  if (!isRecord(s)) return { ok: false, problem: "session.update needs a 'session' object" }
  if (s.type !== 'realtime' && s.type !== 'transcription')
    return {
      ok: false,
      problem: `session.type must be 'realtime' or 'transcription', got ${JSON.stringify(s.type)}`,
    }
  if (s.instructions !== undefined && typeof s.instructions !== 'string') {
    return { ok: false, problem: 'session.instructions must be a string' }
  }
  const input = isRecord(s.audio) && isRecord(s.audio.input) ? s.audio.input : undefined
  const output = isRecord(s.audio) && isRecord(s.audio.output) ? s.audio.output : undefined
  for (const [name, fmt] of [
    ['input', input?.format],
    ['output', output?.format],
  ] as const) {
    if (fmt === undefined) continue
    if (!isRecord(fmt) || fmt.type !== 'audio/pcm' || (fmt.rate !== undefined && fmt.rate !== RATE)) {
      return { ok: false, problem: `session.audio.${name}.format must be audio/pcm at ${RATE} Hz` }
    }
  }
  if (s.type === 'transcription') {
    // A transcription session has no answers: no instructions, no output audio, and a model.
    if (s.instructions !== undefined || output !== undefined)
      return { ok: false, problem: 'a transcription session takes no instructions and no audio.output' }
    if (!isRecord(input?.transcription) || typeof input.transcription.model !== 'string')
      return { ok: false, problem: 'session.audio.input.transcription.model is required' }
    if (!['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe'].includes(input.transcription.model))
      return {
        ok: false,
        problem: `unknown transcription model ${JSON.stringify(input.transcription.model)}`,
      }
  }
  const td = input && 'turn_detection' in input ? input.turn_detection : undefined
  const base = current ?? {
    instructions: undefined,
    vad: true, // the API's default is server VAD
    interruptResponse: true,
    createResponse: true,
    transcription: false,
    voice: undefined,
  }
  return {
    ok: true,
    value: {
      instructions: s.instructions ?? base.instructions,
      vad: td === undefined ? base.vad : td !== null && td.type === 'server_vad',
      interruptResponse: td === undefined ? base.interruptResponse : td?.interrupt_response !== false,
      createResponse: td === undefined ? base.createResponse : td?.create_response !== false,
      transcription: input?.transcription ? true : base.transcription,
      voice: output?.voice ?? base.voice,
    },
  }
}

/** Gen 0 `session.create` / `session.update`: a backend prompt, an optional conversation id. */
export function checkGen0Session(frame: Record<string, any>): Checked<{ prompt: string }> {
  const s = frame.session
  if (!isRecord(s) || typeof s.backend_prompt !== 'string') {
    return { ok: false, problem: 'session.backend_prompt must be a string' }
  }
  if (s.conversation_id !== undefined && typeof s.conversation_id !== 'string') {
    return { ok: false, problem: 'session.conversation_id must be a string' }
  }
  return { ok: true, value: { prompt: s.backend_prompt } }
}

/** A user text message item in the dialect's content shape. */
export function checkTextItem(frame: Record<string, any>, partType: 'text' | 'input_text'): Checked<string> {
  const item = frame.item
  if (!isRecord(item) || item.type !== 'message' || item.role !== 'user' || !Array.isArray(item.content)) {
    return { ok: false, problem: 'item must be a user message with content' }
  }
  const part = item.content[0]
  if (!isRecord(part) || part.type !== partType || typeof part.text !== 'string') {
    return { ok: false, problem: `item.content[0] must be {type:'${partType}', text}` }
  }
  return { ok: true, value: part.text }
}

export { isRecord }
