// Owns the engine a host talks to, and swaps it when settings that shape it change (provider, key,
// transport). Work keeps running on the engine that started it: a turn or compaction (ops for that
// conversation go there until it ends), a read aloud (its speech_stop) and a dictation (from
// dictation_start until its stop, cancel, or done/error event). The old engine closes once
// nothing runs on it.
import { randomUUID } from 'node:crypto'
import type { Op } from '@shared/ops'
import type { EngineEvent } from '@shared/events'
import type { Engine } from '../core/api'
import type { Logger } from '../core/log'

export class EngineHolder {
  private current: Engine
  private readonly unsubscribe = new Map<Engine, () => void>()
  /** workKey → the engine running work there and how many pieces of work (turn, compaction, …). */
  private readonly busy = new Map<string, { engine: Engine; count: number }>()
  /** Dictations recording: held from dictation_start until released. */
  private readonly recording = new Set<string>()
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
    return this.busy.get(`c:${conversationId}`)?.engine ?? this.current
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
    const key = workKey(withId)
    const engine = (key && this.busy.get(key)?.engine) || this.current
    const works = key !== undefined && WORK.has(withId.type)
    if (works) this.claim(key, engine)
    if (withId.type === 'dictation_start' && key && !this.recording.has(key)) {
      this.recording.add(key)
      this.claim(key, engine)
    }
    this.inflight.set(engine, (this.inflight.get(engine) ?? 0) + 1)
    const done = engine.submit(withId).finally(() => {
      if (works) this.unclaim(key, engine)
      if (withId.type === 'dictation_cancel' && key) this.endRecording(key, engine)
      this.settle(engine)
    })
    return { conversationId, done }
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all([...this.unsubscribe.keys()].map((e) => this.shutdown(e)))
  }

  private adopt(engine: Engine): Engine {
    const off = engine.subscribe((e) => {
      this.onEvent(e)
      // A dictation ends with one of these (after stop, a refusal, or the engine ending it idle).
      if (e.type === 'dictation_done' || e.type === 'dictation_error')
        this.endRecording(`d:${e.dictationId}`, engine)
    })
    this.unsubscribe.set(engine, off)
    return engine
  }

  /** Keep `key`'s ops on `engine` and the engine open while this work runs. */
  private claim(key: string, engine: Engine): void {
    const b = this.busy.get(key)
    if (b?.engine === engine) b.count++
    else if (!b) this.busy.set(key, { engine, count: 1 })
    this.inflight.set(engine, (this.inflight.get(engine) ?? 0) + 1)
  }

  private unclaim(key: string, engine: Engine): void {
    const b = this.busy.get(key)
    if (b?.engine === engine && --b.count === 0) this.busy.delete(key)
    this.settle(engine)
  }

  /** One piece of work on `engine` ended; a retired engine closes when nothing is left. */
  private settle(engine: Engine): void {
    const left = (this.inflight.get(engine) ?? 1) - 1
    this.inflight.set(engine, left)
    if (left === 0 && this.retired.has(engine)) void this.shutdown(engine)
  }

  private endRecording(key: string, engine: Engine): void {
    if (this.busy.get(key)?.engine !== engine || !this.recording.delete(key)) return
    this.unclaim(key, engine)
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

/** Ops that run until their promise settles and keep their key on the engine meanwhile. */
const WORK = new Set<Op['type']>(['user_turn', 'compact', 'speech_start'])

/** Which running work an op belongs to: a conversation, a dictation or a read aloud. */
function workKey(op: Op): string | undefined {
  if ('conversationId' in op && op.conversationId) return `c:${op.conversationId}`
  if ('dictationId' in op) return `d:${op.dictationId}`
  if ('speechId' in op) return `s:${op.speechId}`
  return undefined
}
