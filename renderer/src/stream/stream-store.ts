// The text of messages being streamed, per turn, kept outside React state: deltas append here
// and subscribers are told at most once per animation frame (FrameCoalescer). The streaming
// message component reads it with useSyncExternalStore; nothing else re-renders per delta.
import { useCallback, useSyncExternalStore } from 'react'
import { FrameCoalescer, type Schedule } from './coalescer'

export interface StreamSnapshot {
  /**
   * The text as flushed chunks (one per frame). Append-only while it grows, so a consumer can
   * feed just the new ones to its parser; replaced by a new array when the text is replaced.
   * The whole text is never built while streaming (`StreamStore.text` joins it on demand).
   */
  chunks: readonly string[]
  count: number
  /** Characters so far. */
  length: number
  /** Bumped on every change. */
  version: number
  /** Bumped when the text was replaced rather than extended (consumers restart their parsing). */
  epoch: number
}

const EMPTY: StreamSnapshot = { chunks: [], count: 0, length: 0, version: 0, epoch: 0 }

class TurnStream {
  snapshot: StreamSnapshot = EMPTY
  private chunks: string[] = []
  readonly listeners = new Set<() => void>()
  readonly coalescer: FrameCoalescer

  constructor(schedule: Schedule | undefined) {
    this.coalescer = new FrameCoalescer((chunk) => this.append(chunk), schedule)
  }

  private publish(length: number, replaced: boolean): void {
    const { version, epoch } = this.snapshot
    this.snapshot = {
      chunks: this.chunks,
      count: this.chunks.length,
      length,
      version: version + 1,
      epoch: replaced ? epoch + 1 : epoch,
    }
    for (const l of this.listeners) l()
  }

  private append(chunk: string): void {
    this.chunks.push(chunk)
    this.publish(this.snapshot.length + chunk.length, false)
  }

  replace(text: string): void {
    this.chunks = text === '' ? [] : [text]
    this.publish(text.length, true)
  }

  text(): string {
    const { chunks, count } = this.snapshot
    return chunks.slice(0, count).join('')
  }
}

export class StreamStore {
  private readonly turns = new Map<string, TurnStream>()

  constructor(private readonly schedule?: Schedule) {}

  private turn(turnId: string): TurnStream {
    let t = this.turns.get(turnId)
    if (!t) {
      t = new TurnStream(this.schedule)
      this.turns.set(turnId, t)
    }
    return t
  }

  append(turnId: string, delta: string): void {
    this.turn(turnId).coalescer.push(delta)
  }

  /** Replace the open message's text now (agent_message_reset). */
  replace(turnId: string, text: string): void {
    const t = this.turn(turnId)
    t.coalescer.discard()
    t.replace(text)
  }

  /** The open message completed (its full text arrives with the event) or the turn restarted. */
  clear(turnId: string): void {
    const t = this.turns.get(turnId)
    if (!t) return
    t.coalescer.discard()
    if (t.snapshot.length > 0) t.replace('')
  }

  /** Forget a turn that is no longer shown. */
  drop(turnId: string): void {
    this.clear(turnId)
    const t = this.turns.get(turnId)
    if (t && t.listeners.size === 0) this.turns.delete(turnId)
  }

  /** Show pending text at once (tests, the end of a turn). */
  flush(turnId: string): void {
    this.turns.get(turnId)?.coalescer.flush()
  }

  get(turnId: string): StreamSnapshot {
    return this.turns.get(turnId)?.snapshot ?? EMPTY
  }

  /** The whole text shown so far (joined on demand, not on every frame). */
  text(turnId: string): string {
    return this.turns.get(turnId)?.text() ?? ''
  }

  subscribe(turnId: string, listener: () => void): () => void {
    const t = this.turn(turnId)
    t.listeners.add(listener)
    return () => t.listeners.delete(listener)
  }

  stats(turnId: string): { received: number; flushes: number } {
    const c = this.turns.get(turnId)?.coalescer
    return { received: c?.received ?? 0, flushes: c?.flushes ?? 0 }
  }
}

export const streams = new StreamStore()

/** The streamed text of a turn; `null` reads nothing (a finished message stops re-rendering). */
export function useStream(turnId: string | null, store: StreamStore = streams): StreamSnapshot {
  const subscribe = useCallback(
    (l: () => void) => (turnId === null ? () => undefined : store.subscribe(turnId, l)),
    [store, turnId],
  )
  return useSyncExternalStore(subscribe, () => (turnId === null ? EMPTY : store.get(turnId)))
}
