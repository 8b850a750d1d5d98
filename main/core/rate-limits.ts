// The `codex.rate_limits` WebSocket event → a RateLimitSnapshot (protocol.md §3.2).
import type { CodexRateLimitsEvent, RateLimitSnapshot, RateLimitWindow } from '@shared/wire/rate-limits'

type WireWindow = { used_percent: number; window_minutes?: number | null; reset_at?: number | null }

function window(w: WireWindow | null | undefined): RateLimitWindow | undefined {
  if (!w) return undefined
  const out: RateLimitWindow = { used_percent: w.used_percent }
  if (w.window_minutes != null) out.window_minutes = w.window_minutes
  if (w.reset_at != null) out.resets_at = w.reset_at
  return out
}

export function fromCodexEvent(ev: CodexRateLimitsEvent): RateLimitSnapshot {
  const id = (ev.metered_limit_name ?? ev.limit_name ?? 'codex').toLowerCase().replace(/-/g, '_')
  const snap: RateLimitSnapshot = { limit_id: id, limit_name: null }
  const primary = window(ev.rate_limits?.primary)
  const secondary = window(ev.rate_limits?.secondary)
  if (primary) snap.primary = primary
  if (secondary) snap.secondary = secondary
  if (ev.credits) {
    snap.credits = {
      has_credits: ev.credits.has_credits,
      unlimited: ev.credits.unlimited,
      balance: ev.credits.balance ?? null,
    }
  }
  if (ev.plan_type) snap.plan_type = ev.plan_type
  return snap
}
