// Reading a tar archive as it streams in, chunk by chunk: no more than one header block is held,
// entry bytes go straight to the sink the caller gives for that entry. Strict like readTar: a bad
// header is an error, and an archive that stops before its end block is truncated.
import { BLOCK, parseTarHeader } from './tar'

export interface EntrySink {
  data(chunk: Buffer): void
  end(): void
}

export class TarStreamReader {
  private header = Buffer.alloc(BLOCK)
  private headerFill = 0
  private remaining = 0
  private pad = 0
  private sink: EntrySink | null = null
  private ended = false

  /** `begin` is called for each entry, in order; it may throw to stop the read. */
  constructor(private readonly begin: (path: string, size: number) => EntrySink) {}

  feed(chunk: Buffer): void {
    let at = 0
    while (at < chunk.length && !this.ended) {
      if (this.sink) {
        const n = Math.min(this.remaining, chunk.length - at)
        this.sink.data(chunk.subarray(at, at + n))
        at += n
        this.remaining -= n
        if (this.remaining === 0) this.endEntry()
      } else if (this.pad > 0) {
        const n = Math.min(this.pad, chunk.length - at)
        at += n
        this.pad -= n
      } else {
        const n = Math.min(BLOCK - this.headerFill, chunk.length - at)
        chunk.copy(this.header, this.headerFill, at, at + n)
        at += n
        this.headerFill += n
        if (this.headerFill === BLOCK) this.startEntry()
      }
    }
  }

  /** The archive's end block was read: nothing after it matters. */
  get done(): boolean {
    return this.ended
  }

  /** The input ended: throws unless the archive's end block was read. */
  finish(): void {
    if (!this.ended) throw new Error('the archive is truncated')
  }

  private startEntry(): void {
    this.headerFill = 0
    const h = parseTarHeader(this.header)
    if (!h) {
      this.ended = true
      return
    }
    this.sink = this.begin(h.path, h.size)
    this.remaining = h.size
    this.pad = (BLOCK - (h.size % BLOCK)) % BLOCK
    if (h.size === 0) this.endEntry()
  }

  private endEntry(): void {
    const s = this.sink!
    this.sink = null
    s.end()
  }
}
