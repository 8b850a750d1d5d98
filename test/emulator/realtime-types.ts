// Public types of the emulator's realtime endpoint (protocol.md §10), re-exported by index.ts.

export type RealtimeDialect = 'gen0' | 'v2'

/** One assistant answer, streamed as audio deltas (a tone) plus its transcript. */
export interface RealtimeAnswer {
  /** Default 'Hello from the emulator.' */
  transcript?: string
  /** Length of the answer's audio; default 600 ms. */
  audioMs?: number
  /** Number of audio deltas (each followed by a transcript delta); default 3. */
  chunks?: number
  /** Pause between deltas (default none): gives a test time to act mid-answer. */
  delayMs?: number
  /**
   * Barge-in: after this many audio deltas send `input_audio_buffer.speech_started`. Under server VAD
   * with `interrupt_response` (and on Gen 0) the response is then cancelled, as the real server does.
   */
  speechStartedAfter?: number
  /** After this many deltas stop sending and keep the response open until the client cancels it. */
  stallAfter?: number
  /** After this many deltas terminate the socket (no close frame). */
  dropAfter?: number
}

/** What one connection does; `emu.realtime.script()` queues one per future connection. */
export interface RealtimeScript {
  /** `session.created.session.id`; default `sess_<connection id>`. */
  sessionId?: string
  /** Server events sent right after the session is created (e.g. unknown or malformed ones). */
  afterSession?: Record<string, unknown>[]
  /** Answers, one per response, in order; the default answer when they run out. */
  answers?: RealtimeAnswer[]
  /** Transcripts of the user's audio turns, in order; default `heard N ms of audio`. */
  inputTranscripts?: string[]
  /** Silence that ends a user turn under server VAD; default 300 ms. */
  vadSilenceMs?: number
  /** Terminate the socket after receiving this many client frames (the session frame counts). */
  dropAfterFrames?: number
  /** Close the socket (code 1000) after receiving this many client frames. */
  closeAfterFrames?: number
}

export interface RealtimeConnectionInfo {
  id: number
  dialect: RealtimeDialect
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  sessionId: string
  /** True once the socket is gone. */
  closed: boolean
}

/** A client frame as received, with what the emulator found wrong with it. */
export interface RealtimeFrame {
  connectionId: number
  /** 0-based position on its connection. */
  index: number
  type: string | null
  body: unknown
  /** Why the frame was rejected; undefined when valid. */
  problem?: string
  /** Decoded PCM16 bytes of a valid audio append. */
  audioBytes?: number
  /** Arrival time, epoch ms at sub-ms resolution (latency measurements against the page's clock). */
  receivedAtMs: number
}

export interface RealtimeEmulator {
  script(...scripts: RealtimeScript[]): void
  connections(): RealtimeConnectionInfo[]
  /** Every client frame, or those of one connection. */
  frames(connectionId?: number): RealtimeFrame[]
  /** Every server event sent to a connection. */
  sent(connectionId: number): Record<string, unknown>[]
  /** The valid PCM16 audio a connection received, concatenated. */
  audio(connectionId: number): Buffer
  /** `conversation.item.truncate` frames (all connections, or one). */
  truncates(connectionId?: number): RealtimeFrame[]
  /** Send any event to a connection now. */
  send(connectionId: number, event: Record<string, unknown>): void
  /** Send a text frame verbatim, or a binary frame for a Buffer. */
  sendRaw(connectionId: number, data: string | Buffer): void
  drop(connectionId: number): void
  close(connectionId: number, code?: number): void
  /** Resolves with check()'s first truthy value, re-checked on every frame, send and close. */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs?: number): Promise<T>
}
