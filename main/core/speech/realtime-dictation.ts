// Dictation through a Realtime transcription session (`/realtime?intent=transcription`,
// `session.update {type: 'transcription'}`): audio is appended while the user speaks, so at the
// end only the commit and the last words are left. Turn detection is off: the user's Stop is the
// end of speech. Deltas and the completed transcript arrive as
// `conversation.item.input_audio_transcription.delta|completed`.
import WebSocket from 'ws'
import { SPEECH_SAMPLE_RATE } from '@shared/speech'
import { mergeHeaders, toWebSocketUrl, type Provider } from '../provider'

const CONNECT_TIMEOUT_MS = 10_000
const RESULT_TIMEOUT_MS = 30_000

export interface RealtimeDictationOptions {
  provider: Provider
  defaultHeaders: Record<string, string>
  model: string
  language?: string | undefined
  onDelta: (delta: string) => void
}

/** `<base>/realtime?intent=transcription` (the provider's query params after it). */
export function transcriptionUrl(base: string, query?: Record<string, string>): string {
  const url = new URL(toWebSocketUrl(base))
  const path = url.pathname.replace(/\/+$/, '')
  url.pathname = path === '' ? '/v1/realtime' : path.endsWith('/realtime') ? path : `${path}/realtime`
  url.searchParams.set('intent', 'transcription')
  for (const [k, v] of Object.entries(query ?? {})) if (k !== 'intent') url.searchParams.append(k, v)
  return url.toString()
}

export class RealtimeDictation {
  private ws: WebSocket | null = null
  private readonly opened: Promise<void>
  private pending: string[] = []
  private text = ''
  private done: ((r: { text: string } | Error) => void) | null = null
  private failure: Error | null = null
  private committedAt = 0

  constructor(private readonly o: RealtimeDictationOptions) {
    this.opened = this.open()
    this.opened.catch(() => undefined) // reported by finish()
  }

  private async open(): Promise<void> {
    const { provider } = this.o
    const headers = mergeHeaders(provider.headers, {}, this.o.defaultHeaders, await provider.auth.headers())
    const url = transcriptionUrl(provider.baseUrl, provider.queryParams)
    const ws = new WebSocket(url, {
      headers,
      handshakeTimeout: CONNECT_TIMEOUT_MS,
      agent: provider.agent?.(new URL(url.replace(/^ws/, 'http'))),
    })
    this.ws = ws
    ws.on('message', (data) => this.onMessage(String(data)))
    ws.on('close', () => this.fail(new Error('the transcription connection closed')))
    ws.on('error', (e) => this.fail(new Error(`transcription connection: ${e.message}`)))
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', (e) => reject(new Error(`could not connect for transcription: ${e.message}`)))
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`the transcription session was refused (HTTP ${res.statusCode})`)),
      )
    })
    const transcription: Record<string, string> = { model: this.o.model }
    if (this.o.language) transcription.language = this.o.language
    ws.send(
      JSON.stringify({
        type: 'session.update',
        session: {
          type: 'transcription',
          audio: {
            input: {
              format: { type: 'audio/pcm', rate: SPEECH_SAMPLE_RATE },
              transcription,
              turn_detection: null,
            },
          },
        },
      }),
    )
    for (const frame of this.pending) ws.send(frame)
    this.pending = []
  }

  append(pcm: Uint8Array): void {
    const audio = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString('base64')
    const frame = JSON.stringify({ type: 'input_audio_buffer.append', audio })
    if (this.ws?.readyState === WebSocket.OPEN && this.pending.length === 0) this.ws.send(frame)
    else this.pending.push(frame)
  }

  /** Commit what was said and wait for its transcript; closes the session either way. */
  async finish(): Promise<{ text: string; serviceMs: number }> {
    try {
      await this.opened
      const result = new Promise<{ text: string } | Error>((resolve) => (this.done = resolve))
      if (this.failure) throw this.failure
      this.committedAt = performance.now()
      this.ws!.send(JSON.stringify({ type: 'input_audio_buffer.commit' }))
      const timer = setTimeout(() => this.fail(new Error('no transcript within 30 s')), RESULT_TIMEOUT_MS)
      const r = await result.finally(() => clearTimeout(timer))
      if (r instanceof Error) throw r
      return { text: r.text, serviceMs: performance.now() - this.committedAt }
    } finally {
      this.close()
    }
  }

  close(): void {
    this.done = null
    this.ws?.removeAllListeners('close')
    this.ws?.close()
  }

  private fail(e: Error): void {
    this.failure ??= e
    this.done?.(e)
  }

  private onMessage(data: string): void {
    let e: { type?: unknown; delta?: unknown; transcript?: unknown; error?: { message?: unknown } }
    try {
      e = JSON.parse(data) as typeof e
    } catch {
      return
    }
    if (e.type === 'conversation.item.input_audio_transcription.delta' && typeof e.delta === 'string') {
      this.text += e.delta
      this.o.onDelta(e.delta)
    } else if (
      e.type === 'conversation.item.input_audio_transcription.completed' &&
      typeof e.transcript === 'string'
    ) {
      this.done?.({ text: e.transcript })
    } else if (e.type === 'error' || e.type === 'conversation.item.input_audio_transcription.failed') {
      const message = typeof e.error?.message === 'string' ? e.error.message : 'the transcription failed'
      this.fail(new Error(message))
    }
  }
}
