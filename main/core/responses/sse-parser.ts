// Incremental Server-Sent Events parser. Only `data:` matters: dispatch is on the JSON `type`
// (protocol.md §1.5), so the `event:` line is ignored. Written for the hot path: one string
// buffer, indexOf scanning, no per-line arrays in the common case.

export class SseParser {
  private buf = ''
  private pos = 0

  constructor(private readonly onData: (data: string) => void) {}

  push(chunk: string): void {
    if (chunk.includes('\r')) chunk = chunk.replace(/\r\n?/g, '\n')
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
    let data: string | null = null
    let line = start
    while (line < end) {
      let nl = buf.indexOf('\n', line)
      if (nl < 0 || nl > end) nl = end
      if (buf.startsWith('data:', line)) {
        const from = buf.charCodeAt(line + 5) === 32 ? line + 6 : line + 5
        const value = buf.slice(from, nl)
        data = data === null ? value : data + '\n' + value
      }
      line = nl + 1
    }
    if (data !== null && data !== '[DONE]') this.onData(data)
  }
}
