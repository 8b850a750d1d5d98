// Incremental Server-Sent Events parser. Only `data:` matters: dispatch is on the JSON `type`
// (protocol.md §1.5), so the `event:` line is ignored. Written for the hot path: one string
// buffer, indexOf scanning, no per-line arrays in the common case.

export class SseParser {
  private buf = ''
  private pos = 0
  /** Decided at the first line break: a stream uses CRLF or LF throughout. */
  private crlf: boolean | null = null

  constructor(private readonly onData: (data: string) => void) {}

  push(chunk: string): void {
    if (this.crlf === null) {
      const nl = chunk.indexOf('\n')
      if (nl >= 0) this.crlf = nl > 0 ? chunk.charCodeAt(nl - 1) === 13 : this.buf.endsWith('\r')
      else if (chunk.includes('\r')) this.crlf = true
    }
    if (this.crlf) chunk = chunk.replace(/\r\n?/g, '\n')
    this.buf = this.pos === 0 ? this.buf + chunk : this.buf.slice(this.pos) + chunk
    this.pos = 0
    const buf = this.buf
    let end: number
    while ((end = buf.indexOf('\n\n', this.pos)) >= 0) {
      const start = this.pos
      this.pos = end + 2
      if (end > start) this.frame(buf, start, end)
    }
    if (this.pos >= buf.length) {
      this.buf = ''
      this.pos = 0
    }
  }

  /** Bytes that never formed a complete frame (a torn stream). */
  get pending(): string {
    return this.buf.slice(this.pos)
  }

  private frame(buf: string, start: number, end: number): void {
    // Find each `data:` line without splitting the frame into lines.
    let at = dataLine(buf, start)
    let data: string | null = null
    while (at >= 0 && at < end) {
      const from = buf.charCodeAt(at + 5) === 32 ? at + 6 : at + 5
      let nl = buf.indexOf('\n', from)
      if (nl < 0 || nl > end) nl = end
      const value = buf.slice(from, nl)
      data = data === null ? value : data + '\n' + value
      if (nl >= end) break
      at = dataLine(buf, nl + 1)
    }
    if (data !== null && data !== '[DONE]') this.onData(data)
  }
}

/** Index of the next line starting with `data:` at or after `from` (a line start), or -1. */
function dataLine(buf: string, from: number): number {
  if (buf.startsWith('data:', from)) return from
  const i = buf.indexOf('\ndata:', from)
  return i < 0 ? -1 : i + 1
}
