// Splits Markdown into top-level blocks so completed ones can be parsed once and memoised while
// only the growing tail is re-parsed. Text is fed in chunks as it streams: the splitter keeps only
// the unfinished tail, so it never needs (or copies) the whole message, and each character is
// scanned once.

const FENCE = /^ {0,3}(`{3,}|~{3,})/

export interface Split {
  /** Completed blocks, in order (never change once reported). */
  blocks: readonly string[]
  /** The unfinished rest (may be empty). */
  tail: string
}

export class BlockSplitter {
  readonly blocks: string[] = []
  /** Bumped by every reset, so a consumer can tell a restart from growth. */
  generation = 0
  /** The text after the last completed block. */
  private buf = ''
  /** Absolute offset of `buf` in the whole text, and the whole text's length. */
  private consumed = 0
  private total = 0
  /** Where scanning resumes in `buf`. */
  private scan = 0
  /** Inside `buf`: the opening fence marker, or null. */
  private fence: string | null = null
  /** A blank line was seen at this offset of `buf` (outside a fence); the next line decides. */
  private pendingBreak = -1
  /** For `pushChunks`: which chunk array is being followed and how much of it was fed. */
  private source: readonly string[] | null = null
  private fed = 0

  get tail(): string {
    return this.buf
  }

  push(chunk: string): void {
    if (chunk === '') return
    this.buf += chunk
    this.total += chunk.length
    this.advance()
  }

  /** Follow an append-only chunk array (the stream store's); a new array means a new text. */
  pushChunks(chunks: readonly string[], count: number): Split {
    if (chunks !== this.source) {
      this.reset()
      this.source = chunks
    }
    while (this.fed < count) this.push(chunks[this.fed++]!)
    return this
  }

  /** The whole text so far; a text that does not extend the previous one starts over. */
  update(text: string): Split {
    if (text.length < this.total || !text.startsWith(this.buf, this.consumed)) this.reset()
    if (text.length > this.total) this.push(text.slice(this.total))
    return this
  }

  reset(): void {
    this.generation++
    this.blocks.length = 0
    this.buf = ''
    this.consumed = 0
    this.total = 0
    this.scan = 0
    this.fence = null
    this.pendingBreak = -1
    this.source = null
    this.fed = 0
  }

  private drop(n: number): void {
    this.buf = this.buf.slice(n)
    this.consumed += n
    this.scan -= n
  }

  private close(end: number, next: number): void {
    const block = this.buf.slice(0, end).replace(/\s+$/, '')
    if (block.trim() !== '') this.blocks.push(block)
    this.drop(next)
  }

  private advance(): void {
    for (;;) {
      const b = this.buf
      const lineStart = this.scan
      // A blank line ends a block only when the next line is not indented (an indented line after
      // a blank one continues a list item or a code block), so wait for its first character.
      if (this.pendingBreak >= 0) {
        if (lineStart >= b.length) return
        const first = b.charCodeAt(lineStart)
        if (first === 10 /* another blank line */) {
          this.scan = lineStart + 1
          continue
        }
        const at = this.pendingBreak
        this.pendingBreak = -1
        if (first !== 32 && first !== 9) {
          this.close(at, lineStart)
          continue
        }
      }
      const nl = b.indexOf('\n', lineStart)
      if (nl < 0) return
      const line = b.slice(lineStart, nl)
      this.scan = nl + 1
      const m = FENCE.exec(line)
      if (this.fence !== null) {
        // A closing fence: same character, at least as long, nothing else on the line.
        if (m && m[1]![0] === this.fence[0] && m[1]!.length >= this.fence.length && line.trim() === m[1]) {
          this.fence = null
          this.close(nl, nl + 1)
        }
        continue
      }
      if (m) {
        this.fence = m[1]!
        continue
      }
      if (line.trim() === '') {
        if (lineStart === 0)
          this.drop(nl + 1) // leading blank lines
        else this.pendingBreak = lineStart
      }
    }
  }
}

/** One-shot split of a finished text (the same blocks a stream of it would have produced). */
export function splitBlocks(text: string): string[] {
  const s = new BlockSplitter()
  s.push(text.endsWith('\n') ? text : `${text}\n`)
  const out = s.blocks.slice()
  if (s.tail.trim() !== '') out.push(s.tail.replace(/\s+$/, ''))
  return out
}
