// What tests script and read of the emulator's audio endpoints.
export interface AudioScript {
  /** Texts returned by `/audio/transcriptions`, in order; then `heard N ms of audio`. */
  transcripts?: string[]
  /** The service's own latency: before the first byte of either endpoint's answer. */
  latencyMs?: number
  /** Milliseconds of speech synthesized per input character (default 5). */
  msPerChar?: number
  /** Pace `/audio/speech` in real time (false: as fast as the socket takes it). */
  realTime?: boolean
}

export interface AudioEmulator {
  script(s: AudioScript): void
  /** Every accepted transcription request: its text fields and the file's size and name. */
  transcriptions(): { fields: Record<string, string>; filename: string; bytes: number; seconds: number }[]
  /** Every accepted speech request body. */
  speeches(): Record<string, unknown>[]
}
