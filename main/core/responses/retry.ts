// Backoff policy shared by request-level and stream-level retries (protocol.md §1.6).

/** 200 ms * 2^(attempt-1) with ±10% jitter; attempt starts at 1. */
export function backoffMs(attempt: number, random: () => number = Math.random, baseMs = 200): number {
  const base = baseMs * 2 ** Math.max(0, attempt - 1)
  const jitter = 0.9 + random() * 0.2
  return Math.round(base * jitter)
}

/** `retry-after` is seconds or an HTTP date; returns milliseconds or null. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null
  const secs = Number(value.trim())
  if (Number.isFinite(secs) && secs >= 0) return Math.round(secs * 1000)
  const at = Date.parse(value)
  if (Number.isNaN(at)) return null
  return Math.max(0, at - now)
}

// Linear: no nested or overlapping quantifiers (the plugin flags any group with a quantifier).
// eslint-disable-next-line security/detect-unsafe-regex
const TRY_AGAIN = /try again in\s*(\d+(?:\.\d+)?)\s*(s|ms|seconds?)/i

/** Server-suggested delay inside a rate-limit message, e.g. "try again in 11.054s". */
export function delayFromMessage(message: string): number | null {
  const m = TRY_AGAIN.exec(message)
  if (!m || m[1] === undefined) return null
  const n = Number(m[1])
  return m[2] === 'ms' ? Math.round(n) : Math.round(n * 1000)
}

/** Resolve after `ms`, or reject at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(t)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
