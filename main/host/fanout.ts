// Event fan-out to attached sinks (Electron windows, browser-host sockets). A sink receives events
// only after it attached, and attaching first replays what is running, so nothing is missed or
// shown twice. Re-attaching with the same id (a reloaded window) replaces the old sink.
import type { EngineEvent } from '@shared/events'
import type { BridgeEvent } from '@shared/bridge'
import type { Logger } from '../core/log'
import { ReplayBuffer } from './replay'

export type Sink = (event: BridgeEvent) => void

export class EventFanout {
  private readonly sinks = new Map<string, Sink>()
  readonly replay = new ReplayBuffer()

  constructor(private readonly logger: Logger) {}

  /** Replays synchronously, then the sink is live. Returns how many events were replayed. */
  attach(id: string, sink: Sink): { replayed: number; running: string[] } {
    this.sinks.delete(id)
    const events = this.replay.snapshot()
    for (const e of events) {
      if (!this.deliver(id, sink, e)) return { replayed: 0, running: [] }
    }
    this.sinks.set(id, sink)
    return { replayed: events.length, running: this.replay.runningConversations() }
  }

  detach(id: string): void {
    this.sinks.delete(id)
  }

  get size(): number {
    return this.sinks.size
  }

  publishEngine(event: EngineEvent): void {
    this.replay.push(event)
    this.publish(event)
  }

  /** Host events (settings changed, navigate, …) are not replayed. */
  publish(event: BridgeEvent): void {
    for (const [id, sink] of this.sinks) this.deliver(id, sink, event)
  }

  /** Send to one sink only (e.g. `navigate` for the window that a notification opened). */
  sendTo(id: string, event: BridgeEvent): boolean {
    const sink = this.sinks.get(id)
    return sink ? this.deliver(id, sink, event) : false
  }

  private deliver(id: string, sink: Sink, event: BridgeEvent): boolean {
    try {
      sink(event)
      return true
    } catch (e) {
      // A destroyed window or a dead socket: drop it rather than fail every later event.
      this.logger.log('warn', 'dropping an event sink that failed', { sink: id, error: (e as Error).message })
      this.sinks.delete(id)
      return false
    }
  }
}
