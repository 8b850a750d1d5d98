// Completed Markdown blocks are parsed once: the rendered element is cached by its source text,
// so a block that finished streaming is reused when the message is shown again (the finished
// message, a reopened conversation, a virtual row scrolled back into view).
import type { ReactNode } from 'react'

export class LruCache<V> {
  private readonly map = new Map<string, V>()
  hits = 0
  misses = 0

  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key)
    if (v === undefined) {
      this.misses++
      return undefined
    }
    this.hits++
    // Refresh recency: Map keeps insertion order.
    this.map.delete(key)
    this.map.set(key, v)
    return v
  }

  set(key: string, v: V): void {
    this.map.delete(key)
    this.map.set(key, v)
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string)
  }

  get size(): number {
    return this.map.size
  }
}

/** Parse through the cache; `render` runs only on a miss. */
export function cached<V>(cache: LruCache<V>, src: string, render: (src: string) => V): V {
  const hit = cache.get(src)
  if (hit !== undefined) return hit
  const v = render(src)
  cache.set(src, v)
  return v
}

export const blockCache = new LruCache<ReactNode>(4000)
