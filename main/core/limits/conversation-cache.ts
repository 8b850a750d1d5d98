// Conversations held in memory, with their per-conversation resources (the model WebSocket, the
// open history file). Without limits a host kept every conversation's history, socket and file
// until restart and ran out of descriptors (issue 11, finding 3). Here:
// - a conversation idle for `socketIdleMs` releases its socket and file (history stays in memory);
// - beyond `maxIdle` idle conversations, the least recently used is evicted from memory too
//   (it reloads from its history file on the next turn). A running conversation is never touched.

export interface ConversationCacheOptions {
  /** Idle conversations kept in memory. */
  maxIdle?: number
  /** After a turn ends, its conversation's socket and file are released after this long. */
  socketIdleMs?: number
  /** Close what the conversation holds outside memory (socket, history file handle). */
  release: (id: string) => void
  /** The conversation left memory (after `release`); state kept beside it can be dropped now. */
  evicted?: (id: string) => void
}

/** 32 conversations cover a user hopping between recent chats; older ones reload from disk. */
export const DEFAULT_MAX_IDLE_CONVERSATIONS = 32
/**
 * Five minutes: a reply typed within it reuses the socket (and its `previous_response_id`
 * incremental state); after it the socket would mostly sit open for nothing.
 */
export const DEFAULT_SOCKET_IDLE_MS = 5 * 60_000

export class ConversationCache<T extends { running: unknown }> {
  /** Map order is recency order (least recently used first). */
  private readonly map = new Map<string, T>()
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly maxIdle: number
  private readonly socketIdleMs: number

  constructor(private readonly opts: ConversationCacheOptions) {
    this.maxIdle = opts.maxIdle ?? DEFAULT_MAX_IDLE_CONVERSATIONS
    this.socketIdleMs = opts.socketIdleMs ?? DEFAULT_SOCKET_IDLE_MS
  }

  get(id: string): T | undefined {
    return this.map.get(id)
  }

  set(id: string, conv: T): this {
    this.map.delete(id)
    this.map.set(id, conv)
    this.evict()
    return this
  }

  delete(id: string): boolean {
    this.stopTimer(id)
    return this.map.delete(id)
  }

  keys(): IterableIterator<string> {
    return this.map.keys()
  }

  get size(): number {
    return this.map.size
  }

  /** A turn starts: most recently used, and its socket must stay. */
  busy(id: string): void {
    this.stopTimer(id)
    const conv = this.map.get(id)
    if (conv) this.set(id, conv)
  }

  /** A turn ended: start the idle clock and keep the idle count bounded. */
  idle(id: string): void {
    this.stopTimer(id)
    if (!this.map.has(id)) return
    const timer = setTimeout(() => {
      this.timers.delete(id)
      if (this.map.get(id)?.running) return
      this.opts.release(id)
    }, this.socketIdleMs)
    timer.unref?.()
    this.timers.set(id, timer)
    this.evict()
  }

  /** Stop every idle clock (the session closes its sockets and files itself). */
  clear(): void {
    for (const id of [...this.timers.keys()]) this.stopTimer(id)
  }

  private evict(): void {
    let idle = 0
    for (const conv of this.map.values()) if (!conv.running) idle++
    if (idle <= this.maxIdle) return
    for (const [id, conv] of this.map) {
      if (idle <= this.maxIdle) break
      if (conv.running) continue
      this.stopTimer(id)
      this.map.delete(id)
      this.opts.release(id)
      this.opts.evicted?.(id)
      idle--
    }
  }

  private stopTimer(id: string): void {
    const t = this.timers.get(id)
    if (t === undefined) return
    clearTimeout(t)
    this.timers.delete(id)
  }
}
