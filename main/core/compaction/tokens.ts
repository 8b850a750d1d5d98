// Token accounting for compaction (research-2026-11 §1.1): the count is the last completed
// response's `usage.total_tokens` plus an estimate (serialized bytes ÷ 4) of what was added since.
import { contextLimits, type ModelInfo } from '@shared/wire/models'
import { stripId, type ResponseItem } from '@shared/wire/items'

const BYTES_PER_TOKEN = 4

export function estimateText(text: string): number {
  return Math.ceil(Buffer.byteLength(text) / BYTES_PER_TOKEN)
}

/** Tokens of items as they are sent (without ids). */
export function estimateItems(items: readonly ResponseItem[], from = 0): number {
  let bytes = 0
  for (let i = from; i < items.length; i++) bytes += Buffer.byteLength(JSON.stringify(stripId(items[i]!)))
  return Math.ceil(bytes / BYTES_PER_TOKEN)
}

/**
 * Where automatic compaction starts: the model's `auto_compact_token_limit`, else 90% of its
 * window; a configured value may only lower it. null: the window is unknown, never compact.
 */
export function compactLimit(info: ModelInfo, configured?: number | null): number | null {
  const auto = contextLimits(info).autoCompactTokenLimit
  if (configured == null || configured <= 0) return auto
  return auto === null ? configured : Math.min(auto, configured)
}

interface Count {
  /** Tokens of the model input up to `at` (Infinity: the service said the context is full). */
  total: number | null
  /** Items of the model input `total` covers; null: all of them at the next look. */
  at: number | null
}

/** Per conversation: the last known token total and how much of the model input it covers. */
export class TokenTracker {
  private readonly counts = new Map<string, Count>()

  /** A response completed: its total covers the input and output now in the history. */
  onUsage(id: string, totalTokens: number): void {
    this.counts.set(id, { total: totalTokens, at: null })
  }

  /** The service answered `context_length_exceeded`: the next check must compact. */
  markFull(id: string): void {
    this.counts.set(id, { total: Number.POSITIVE_INFINITY, at: null })
  }

  /** After loading or compacting: `total` tokens cover the first `at` items (null total: estimate). */
  reset(id: string, total: number | null, at: number): void {
    this.counts.set(id, { total, at })
  }

  forget(id: string): void {
    this.counts.delete(id)
  }

  /** The current count for this model input. */
  count(id: string, input: readonly ResponseItem[]): number {
    const c = this.counts.get(id) ?? { total: null, at: 0 }
    if (c.at === null) c.at = input.length
    if (c.total === null || c.at > input.length) {
      c.total = estimateItems(input, 0)
      c.at = input.length
    }
    this.counts.set(id, c)
    return c.total + (c.at < input.length ? estimateItems(input, c.at) : 0)
  }
}
