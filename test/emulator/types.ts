// Public types of the test emulator (re-exported by index.ts).
import type { RealtimeEmulator } from './realtime-types'
import type { AudioEmulator } from './audio-types'
import type { CompactScript } from './context-window'

export interface ChatgptAuthOptions {
  accessToken: string
  accountId: string
  refreshToken: string
  expiredAccessTokens?: string[]
}

export interface EmulatorOptions {
  /** OpenAI-API-style key accepted as `Authorization: Bearer <apiKey>` on /v1/*. */
  apiKey?: string
  /** ChatGPT (Codex backend) credentials accepted on /backend-api/codex/*. */
  chatgpt?: ChatgptAuthOptions
  /** ModelInfo objects served by /backend-api/codex/models. */
  models?: unknown[]
  /** ETag header on /models. */
  modelsEtag?: string
  /** Default 0 (random). */
  port?: number
  /** A scripted context window in tokens (bytes ÷ 4); none by default. */
  contextWindow?: number
}

export interface RecordedRequest {
  transport: 'http' | 'ws-handshake' | 'ws-frame'
  /** 'GET' | 'POST' | 'WS' */
  method: string
  /** Without query. */
  path: string
  query: Record<string, string>
  /** Lower-cased names; for 'ws-frame', the headers of its socket's handshake. */
  headers: Record<string, string>
  /** Parsed JSON after decoding (zstd when content-encoding: zstd); undefined when none. */
  body: unknown
  /** Bytes on the wire (compressed size when compressed). */
  rawBytes: number
  /** WS: which socket (1, 2, ...); same id for handshake and its frames. */
  connectionId?: number
}

export type Step =
  | { event: Record<string, unknown> }
  | { raw: string }
  | { binary: true }
  | { delayMs: number }
  | { stall: true }
  | { drop: true }
  | { closeWs: { code?: number; reason?: string } }

export interface Scenario {
  /** Non-200 reply instead of a stream; over WS a wrapped error frame. */
  status?: number
  /** HTTP response headers; over WS the `headers` map of a wrapped error frame. */
  headers?: Record<string, string>
  /** JSON body for a non-200 reply (a string is sent verbatim). */
  body?: unknown
  /** Stream content; when absent and status is absent, the default text answer. */
  steps?: Step[]
}

/** A scenario, or one chosen from the validated request body when the request arrives. */
export type ScriptedScenario = Scenario | ((body: unknown) => Scenario)

export interface HandshakeScript {
  /** Answer the upgrade with this HTTP status and no upgrade. */
  refuse?: number
  /** Extra upgrade response headers (also sent with a refusal). */
  headers?: Record<string, string>
}

export interface Emulator {
  /** 'http://127.0.0.1:PORT' */
  url: string
  /** `${url}/v1` (API-key auth). */
  openaiBase: string
  /** `${url}/backend-api/codex` (ChatGPT auth). */
  codexBase: string
  /** Every request in arrival order. */
  requests: RecordedRequest[]
  /** Only POST /responses and WS response.create frames. */
  responsesRequests(): RecordedRequest[]
  script(...scenarios: ScriptedScenario[]): void
  scriptHandshake(...h: HandshakeScript[]): void
  setModels(models: unknown[], etag?: string): void
  modelsCalls(): number
  expireAccessToken(token: string): void
  /** Set (or clear with null) the scripted context window; see context-window.ts. */
  setContextWindow(tokens: number | null, model?: string): void
  /** Answers of the next `/responses/compact` calls, in order (default: user messages + compaction item). */
  scriptCompact(...scripts: CompactScript[]): void
  /** Every `/responses/compact` request (rejected ones included). */
  compactRequests(): RecordedRequest[]
  /** The realtime voice endpoint (protocol.md §10): scripts, recorded frames, drops. */
  realtime: RealtimeEmulator
  /** `/audio/transcriptions` and `/audio/speech` (issue 17). */
  audio: AudioEmulator
  close(): Promise<void>
}
