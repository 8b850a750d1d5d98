// Owns the engine a host talks to, and swaps it when settings that shape it change (provider, key,
// transport). A turn keeps running on the engine that started it: ops for that conversation go
// there until it ends, and the old engine closes once nothing runs on it.
import { randomUUID } from 'node:crypto'
import type { Op } from '@shared/ops'
import type { EngineEvent } from '@shared/events'
import type { Engine } from '../core/api'
import type { Logger } from '../core/log'

export class EngineHolder {
  private current: Engine
  private readonly unsubscribe = new Map<Engine, () => void>()
  /** conversationId → the engine running a turn in it. */
  private readonly busy = new Map<string, Engine>()
  private readonly inflight = new Map<Engine, number>()
  private readonly retired = new Set<Engine>()
  private closed = false

  constructor(
    make: () => Engine,
    private readonly onEvent: (event: EngineEvent) => void,
    private readonly logger: Logger,
  ) {
    this.current = this.adopt(make())
  }

  /** The engine for queries (history, models). */
  get engine(): Engine {
    return this.current
  }

  /** The engine a conversation's ops must go to (the one running its turn, else the current one). */
  forConversation(conversationId: string): Engine {
    return this.busy.get(conversationId) ?? this.current
  }

  replace(make: () => Engine): void {
    if (this.closed) return
    const old = this.current
    this.current = this.adopt(make())
    this.retire(old)
  }

  /**
   * Run an op that already passed the schema. Returns at once with the conversation id (assigned
   * here for a new conversation so the host knows where its events belong) and the promise of
   * the op's completion (a turn's end).
   */
  submit(op: Op): { conversationId: string | undefined; done: Promise<void> } {
    if (this.closed)
      return { conversationId: undefined, done: Promise.reject(new Error('the engine is closed')) }
    const withId: Op =
      op.type === 'user_turn' && !op.conversationId ? { ...op, conversationId: randomUUID() } : op
    const conversationId = 'conversationId' in withId ? withId.conversationId : undefined
    const engine = (conversationId && this.busy.get(conversationId)) || this.current
    const starts =
      withId.type === 'user_turn' && conversationId !== undefined && !this.busy.has(conversationId)
    if (starts) this.busy.set(conversationId, engine)
    this.inflight.set(engine, (this.inflight.get(engine) ?? 0) + 1)
    const done = engine.submit(withId).finally(() => {
      if (starts && this.busy.get(conversationId) === engine) this.busy.delete(conversationId)
      const left = (this.inflight.get(engine) ?? 1) - 1
      this.inflight.set(engine, left)
      if (left === 0 && this.retired.has(engine)) void this.shutdown(engine)
    })
    return { conversationId, done }
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all([...this.unsubscribe.keys()].map((e) => this.shutdown(e)))
  }

  private adopt(engine: Engine): Engine {
    this.unsubscribe.set(engine, engine.subscribe(this.onEvent))
    return engine
  }

  private retire(engine: Engine): void {
    if ((this.inflight.get(engine) ?? 0) === 0) void this.shutdown(engine)
    else this.retired.add(engine)
  }

  private async shutdown(engine: Engine): Promise<void> {
    this.retired.delete(engine)
    this.inflight.delete(engine)
    try {
      await engine.close()
    } catch (e) {
      this.logger.log('warn', 'closing an engine failed', { error: (e as Error).message })
    }
    // Unsubscribe after close so the events of aborted turns still reach the windows.
    this.unsubscribe.get(engine)?.()
    this.unsubscribe.delete(engine)
  }
}
