// How many turns one host runs at once. A page could submit thousands of `user_turn` ops and run
// them all concurrently (issue 11, finding 7: 3,000 turns, RSS 73 MB → 956 MB). Up to
// `maxRunning` run; the next `maxQueued` wait in order (told so with a warning); beyond that a turn
// is refused at once with an error event, so every op gets an answer.

export interface TurnLimits {
  maxRunning: number
  maxQueued: number
}

/** A desktop user rarely has more than a handful of answers streaming; 16 leaves room for bursts. */
export const DEFAULT_TURN_LIMITS: TurnLimits = { maxRunning: 16, maxQueued: 64 }

export type Admission = 'started' | 'queued' | 'refused'

interface Waiting {
  conversationId: string
  start: () => Promise<void>
}

export class TurnLimiter {
  private running = 0
  private readonly queue: Waiting[] = []

  constructor(readonly limits: TurnLimits = DEFAULT_TURN_LIMITS) {}

  /** Start the turn now, queue it, or refuse it (the caller reports a refusal). */
  admit(conversationId: string, start: () => Promise<void>): Admission {
    if (this.running < this.limits.maxRunning) {
      this.launch(start)
      return 'started'
    }
    if (this.queue.length >= this.limits.maxQueued) return 'refused'
    this.queue.push({ conversationId, start })
    return 'queued'
  }

  /** Drop this conversation's waiting turns (an interrupt before they started); how many went. */
  cancel(conversationId: string): number {
    let dropped = 0
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]!.conversationId !== conversationId) continue
      this.queue.splice(i, 1)
      dropped++
    }
    return dropped
  }

  get counts(): { running: number; queued: number } {
    return { running: this.running, queued: this.queue.length }
  }

  private launch(start: () => Promise<void>): void {
    this.running++
    let settled = false
    const next = () => {
      if (settled) return
      settled = true
      this.running--
      const waiting = this.queue.shift()
      if (waiting) this.launch(waiting.start)
    }
    try {
      start().then(next, next)
    } catch {
      next()
    }
  }
}
