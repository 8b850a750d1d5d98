// Which OS notifications the events deserve. Reroutes: exactly one per rerouted turn (the engine
// reports a reroute as a `model_reroute` event and a `warning`; whichever comes first wins).
// Rate limits: one notification each time a window's usage crosses 80% and 95%, with its reset
// time; a new window (a later reset time) or usage falling back below re-arms the threshold.
import type { EngineEvent } from '@shared/events'
import type { RateLimitWindow } from '@shared/wire/rate-limits'

export interface NotificationSpec {
  kind: 'reroute' | 'rate_limit'
  title: string
  body: string
  /** Clicking the notification opens this conversation. */
  conversationId: string | null
}

export const THRESHOLDS = [80, 95] as const

export interface NotifyOptions {
  reroute: boolean
  rateLimits: boolean
}

interface WindowState {
  resetsAt: number | undefined
  notified: Set<number>
}

/** "14:30" today, or "Tue 14:30" later; the reset time shown in a notification. */
export function formatReset(resetsAt: number, now = Date.now(), locale?: string): string {
  const at = new Date(resetsAt * 1000)
  const time = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
  const sameDay = new Date(now).toDateString() === at.toDateString()
  return sameDay ? time : `${at.toLocaleDateString(locale, { weekday: 'short' })} ${time}`
}

function windowName(minutes: number | undefined): string {
  if (!minutes) return 'usage limit'
  if (minutes === 10080) return 'weekly limit'
  if (minutes % 1440 === 0) return `${minutes / 1440}-day limit`
  if (minutes % 60 === 0) return `${minutes / 60}-hour limit`
  return `${minutes}-minute limit`
}

export class NotificationPolicy {
  private readonly reroutedTurns = new Set<string>()
  private readonly windows = new Map<string, WindowState>()

  constructor(private readonly format: (resetsAt: number) => string = (r) => formatReset(r)) {}

  onEvent(e: EngineEvent, opts: NotifyOptions): NotificationSpec[] {
    if (e.type === 'model_reroute' || (e.type === 'warning' && e.code === 'model_reroute')) {
      const key = `${e.conversationId ?? ''}|${e.turnId ?? (e.type === 'warning' ? e.message : '')}`
      if (this.reroutedTurns.has(key)) return []
      this.reroutedTurns.add(key)
      if (this.reroutedTurns.size > 1000) this.reroutedTurns.delete(this.reroutedTurns.values().next().value!)
      if (!opts.reroute) return []
      const body =
        e.type === 'model_reroute'
          ? `You asked for ${e.fromModel}; ${e.toModel} answered.`
          : e.message.length > 220
            ? `${e.message.slice(0, 219)}…`
            : e.message
      return [
        {
          kind: 'reroute',
          title: 'Your request was rerouted',
          body,
          conversationId: e.conversationId ?? null,
        },
      ]
    }
    if (e.type === 'rate_limits') {
      const out: NotificationSpec[] = []
      const id = e.snapshot.limit_id ?? 'default'
      const name = e.snapshot.limit_name ? `${e.snapshot.limit_name} ` : ''
      for (const [slot, w] of [
        ['primary', e.snapshot.primary],
        ['secondary', e.snapshot.secondary],
      ] as const) {
        if (!w) continue
        const crossed = this.cross(`${id}|${slot}`, w)
        if (crossed !== null && opts.rateLimits) {
          const reset = w.resets_at ? ` It resets at ${this.format(w.resets_at)}.` : ''
          out.push({
            kind: 'rate_limit',
            title: `${Math.round(w.used_percent)}% of your ${name}${windowName(w.window_minutes)} used`,
            body: `You passed ${crossed}% of this limit.${reset}`,
            conversationId: e.conversationId ?? null,
          })
        }
      }
      return out
    }
    return []
  }

  /** The highest threshold newly crossed in this window, or null. */
  private cross(key: string, w: RateLimitWindow): number | null {
    let state = this.windows.get(key)
    if (
      !state ||
      (w.resets_at !== undefined && state.resetsAt !== undefined && w.resets_at > state.resetsAt + 60)
    ) {
      // First sight, or a new window began (its reset moved on): every threshold is armed again.
      state = { resetsAt: w.resets_at, notified: new Set() }
      this.windows.set(key, state)
    }
    if (w.resets_at !== undefined) state.resetsAt = w.resets_at
    for (const t of THRESHOLDS) if (w.used_percent < t) state.notified.delete(t)
    let crossed: number | null = null
    for (const t of THRESHOLDS) {
      if (w.used_percent >= t && !state.notified.has(t)) {
        state.notified.add(t)
        crossed = t
      }
    }
    return crossed
  }
}
