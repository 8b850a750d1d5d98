// `/audio/speech`: text in, 24 kHz mono PCM16 out, read as it streams (`response_format: pcm`,
// `stream_format: audio`). Chunks of the HTTP body may split a sample; whole samples are passed on.
import type { Provider } from '../provider'
import { postStreaming } from './http-body'

export const DEFAULT_SPEECH_MODEL = 'gpt-4o-mini-tts'
export const DEFAULT_SPEECH_VOICE = 'coral'

export interface SpeakRequest {
  provider: Provider
  defaultHeaders: Record<string, string>
  input: string
  model?: string
  voice?: string
  signal: AbortSignal
  /** Whole PCM16 samples, in order. */
  onPcm: (pcm: Uint8Array) => void
}

export async function speak(r: SpeakRequest): Promise<void> {
  const body = Buffer.from(
    JSON.stringify({
      model: r.model ?? DEFAULT_SPEECH_MODEL,
      input: r.input,
      voice: r.voice ?? DEFAULT_SPEECH_VOICE,
      response_format: 'pcm',
      stream_format: 'audio',
    }),
  )
  let odd: number | null = null
  await postStreaming({
    provider: r.provider,
    defaultHeaders: r.defaultHeaders,
    path: 'audio/speech',
    headers: { 'Content-Type': 'application/json', Accept: 'audio/pcm' },
    body,
    signal: r.signal,
    onChunk: (chunk) => {
      let bytes: Uint8Array = chunk
      if (odd !== null) {
        bytes = Buffer.concat([Buffer.from([odd]), chunk])
        odd = null
      }
      if (bytes.byteLength % 2 === 1) {
        odd = bytes[bytes.byteLength - 1]!
        bytes = bytes.subarray(0, bytes.byteLength - 1)
      }
      if (bytes.byteLength > 0) r.onPcm(bytes)
    },
  })
}
