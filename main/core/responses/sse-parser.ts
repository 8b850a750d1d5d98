// Incremental Server-Sent Events parser, following the WHATWG event-stream rules: a line ends at
// CRLF, LF or CR (any mix in one stream), one leading BOM is stripped, `:` lines are comments, a
// blank line dispatches. Only `data` matters: dispatch is on the JSON `type` (protocol.md §1.5),
// so `event`, `id` and `retry` are ignored.
//
// Linear in the stream's length: each chunk is scanned once, from where the last scan stopped;
// an unfinished line waits as a list of pieces joined once when its end arrives (rescanning a
// growing buffer made one 4 MB frame in 1 KB writes take seconds; issue 11). One event's data
// is capped at `maxFrameChars` so a server cannot make us buffer without bound.

/** Default cap on one event's size (64 MB of ASCII JSON). */
export const MAX_SSE_FRAME_CHARS = 64 * 1024 * 1024

export class SseFrameTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the server sent one stream event larger than ${Math.round(limit / (1024 * 1024))} MB`)
    this.name = 'SseFrameTooLargeError'
  }
}

const LF = 10

export class SseParser {
  /** Pieces of the line not yet ended (usually empty). */
  private partial: string[] = []
  private partialChars = 0
  /** `data` values of the event being read; `null` while it has none. */
  private data: string | null = null
  /** The last chunk ended in CR: a LF starting the next one belongs to that line end. */
  private skipLf = false
  private started = false
  /** Characters scanned, for tests that check the parser is linear (never time-based). */
  scanned = 0

  constructor(
    private readonly onData: (data: string) => void,
    private readonly maxFrameChars = MAX_SSE_FRAME_CHARS,
  ) {}

  /** Feed decoded text. Throws SseFrameTooLargeError when one event exceeds the cap. */
  push(chunk: string): void {
    let pos = 0
    const len = chunk.length
    if (len === 0) return
    if (!this.started) {
      this.started = true
      if (chunk.charCodeAt(0) === 0xfeff) pos = 1
    }
    if (this.skipLf) {
      this.skipLf = false
      if (chunk.charCodeAt(pos) === LF) pos++
    }
    this.scanned += len - pos
    // The next LF and CR at or after `pos`, each found lazily and only moving forward, so a
    // chunk is scanned once whatever its mix of line endings (-1: none left in this chunk).
    let lf = -2
    let cr = -2
    while (pos < len) {
      if (lf !== -1 && lf < pos) lf = chunk.indexOf('\n', pos)
      if (cr !== -1 && cr < pos) cr = chunk.indexOf('\r', pos)
      let end: number
      let next: number
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        end = cr
        if (cr + 1 < len) next = chunk.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1
        else {
          next = len
          this.skipLf = true
        }
      } else if (lf >= 0) {
        end = lf
        next = lf + 1
      } else {
        this.keep(chunk, pos)
        return
      }
      if (this.partial.length > 0) {
        this.partial.push(chunk.slice(pos, end))
        const line = this.partial.join('')
        this.partial = []
        this.partialChars = 0
        this.line(line, 0, line.length)
      } else this.line(chunk, pos, end)
      pos = next
    }
  }

  /** Characters waiting in an unfinished event (a torn stream leaves these behind). */
  get pendingChars(): number {
    return this.partialChars + (this.data?.length ?? 0)
  }

  private keep(chunk: string, pos: number): void {
    const piece = pos === 0 ? chunk : chunk.slice(pos)
    this.partial.push(piece)
    this.partialChars += piece.length
    this.checkSize(0)
  }

  private checkSize(extra: number): void {
    if (this.partialChars + (this.data?.length ?? 0) + extra > this.maxFrameChars) {
      this.partial = []
      this.partialChars = 0
      this.data = null
      throw new SseFrameTooLargeError(this.maxFrameChars)
    }
  }

  /** One line `s[start, end)` without its terminator. */
  private line(s: string, start: number, end: number): void {
    if (end === start) {
      const data = this.data
      this.data = null
      if (data !== null && data !== '[DONE]') this.onData(data)
      return
    }
    // `data` exactly, then `:` (one optional space after it) or the end of the line.
    if (
      end - start >= 4 &&
      s.charCodeAt(start) === 100 &&
      s.charCodeAt(start + 1) === 97 &&
      s.charCodeAt(start + 2) === 116 &&
      s.charCodeAt(start + 3) === 97
    ) {
      let from = start + 4
      if (from < end) {
        if (s.charCodeAt(from) !== 58) return // another field, e.g. `database:`
        from++
        if (from < end && s.charCodeAt(from) === 32) from++
      }
      const value = s.slice(from, end)
      this.checkSize(value.length + 1)
      this.data = this.data === null ? value : this.data + '\n' + value
    }
  }
}
