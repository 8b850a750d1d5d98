// What a window that opens (or reopens) mid-stream needs to show the whole running answer: for each
// conversation with a running turn, its events from `turn_started` on, plus the latest rate-limit
// snapshot per limit. Consecutive text deltas are merged, so a long answer costs a few entries.
import type { EngineEvent, EngineEventOf } from '@shared/events'

/** Non-delta events kept per running turn before the rest are dropped (text is never dropped). */
export const MAX_EVENTS_PER_TURN = 5_000

interface RunningTurn {
  turnId: string
  configured: EngineEventOf<'session_configured'> | null
  events: EngineEvent[]
}

export class ReplayBuffer {
  private readonly running = new Map<string, RunningTurn>()
  private readonly configured = new Map<string, EngineEventOf<'session_configured'>>()
  private readonly rateLimits = new Map<string, EngineEventOf<'rate_limits'>>()

  push(event: EngineEvent): void {
    switch (event.type) {
      case 'session_configured':
        this.configured.set(event.conversationId, event)
        return
      case 'rate_limits':
        this.rateLimits.set(event.snapshot.limit_id ?? 'default', event)
        return
      case 'turn_started':
        this.running.set(event.conversationId, {
          turnId: event.turnId,
          configured: this.configured.get(event.conversationId) ?? null,
          events: [event],
        })
        return
      case 'turn_complete':
      case 'turn_aborted':
        // The turn is in history now; a window opening later loads it from there.
        if (this.running.get(event.conversationId)?.turnId === event.turnId)
          this.running.delete(event.conversationId)
        return
    }
    const conversationId = 'conversationId' in event ? event.conversationId : undefined
    if (!conversationId) return
    const turn = this.running.get(conversationId)
    if (!turn) return
    const turnId = 'turnId' in event ? event.turnId : undefined
    if (turnId !== undefined && turnId !== turn.turnId) return
    const last = turn.events[turn.events.length - 1]
    if (event.type === 'agent_message_delta' && last?.type === 'agent_message_delta') {
      // A new object: the old one may still be referenced by a sink's send queue.
      turn.events[turn.events.length - 1] = { ...last, delta: last.delta + event.delta }
      return
    }
    if (event.type === 'agent_message_reset') {
      // Everything shown since the last completed message is replaced; drop those deltas.
      while (turn.events.length > 1 && turn.events[turn.events.length - 1]?.type === 'agent_message_delta')
        turn.events.pop()
    }
    if (turn.events.length >= MAX_EVENTS_PER_TURN && event.type !== 'agent_message_delta') return
    turn.events.push(event)
  }

  /** Conversations with a running turn. */
  runningConversations(): string[] {
    return [...this.running.keys()]
  }

  /** The events to send to a newly attached window, in order. */
  snapshot(): EngineEvent[] {
    const out: EngineEvent[] = [...this.rateLimits.values()]
    for (const turn of this.running.values()) {
      if (turn.configured) out.push(turn.configured)
      out.push(...turn.events)
    }
    return out
  }
}
