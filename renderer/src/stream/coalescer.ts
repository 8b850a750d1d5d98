// Deltas arrive up to hundreds of times a second; the screen changes at most once per frame.
// The coalescer collects text outside React and flushes it once per animation frame, so a burst
// of deltas costs one string join and one commit.

export type Schedule = (cb: () => void) => unknown

export class FrameCoalescer {
  private parts: string[] = []
  private scheduled = false
  /** Deltas received and flushes done, for the bench and tests. */
  received = 0
  flushes = 0

  constructor(
    private readonly onFlush: (text: string) => void,
    private readonly schedule: Schedule = (cb) => requestAnimationFrame(cb),
  ) {}

  push(delta: string): void {
    this.parts.push(delta)
    this.received++
    if (this.scheduled) return
    this.scheduled = true
    this.schedule(this.flush)
  }

  /** Drop what has not been shown (a reset or a completed message replaces it). */
  discard(): void {
    this.parts = []
  }

  readonly flush = (): void => {
    this.scheduled = false
    if (this.parts.length === 0) return
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('')
    this.parts = []
    this.flushes++
    this.onFlush(text)
  }
}
