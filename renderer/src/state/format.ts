// Plain-words formatting for the status bar and the diagnostics panel (pure, unit-tested), in the
// current UI language: words from the catalog, numbers and dates through Intl.
import { currentIntl, tr } from '../i18n/intl'

/** "resets in 2 h 14 min", "resets in 3 d 4 h", "resets in 45 min", "resets now". */
export function resetsIn(resetsAtSec: number | undefined, nowMs = Date.now()): string | null {
  if (resetsAtSec === undefined) return null
  const min = Math.max(0, Math.round((resetsAtSec * 1000 - nowMs) / 60000))
  if (min === 0) return tr('format.resetsNow')
  const d = Math.floor(min / 1440)
  const h = Math.floor((min % 1440) / 60)
  const m = min % 60
  if (d > 0) return tr(h ? 'format.resetsInDH' : 'format.resetsInD', { d, h })
  if (h > 0) return tr(m ? 'format.resetsInHM' : 'format.resetsInH', { h, m })
  return tr('format.resetsInM', { m })
}

/** A rate-limit window's length: "5 h", "weekly", "2 d", "30 min". */
export function windowLabel(minutes: number | undefined): string {
  if (!minutes) return tr('format.limit')
  if (minutes === 10080) return tr('format.weekly')
  if (minutes % 1440 === 0) return tr('format.days', { n: minutes / 1440 })
  if (minutes % 60 === 0) return tr('format.hours', { n: minutes / 60 })
  return tr('format.minutes', { n: minutes })
}

/** 950 → "950", 12_345 → "12.3k", 272_000 → "272k", 1_000_000 → "1M". */
export function formatTokens(n: number): string {
  const intl = currentIntl()
  // Other languages get their own compact forms (12,3 mil, 1.2万); English keeps the short k/M.
  if (intl.locale !== 'en')
    return intl.formatNumber(Math.round(n), { notation: 'compact', maximumFractionDigits: 1 })
  if (n < 1000) return String(Math.round(n))
  if (n < 10_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`
  if (n < 1_000_000) return `${Math.round(n / 1000)}k`
  return `${(n / 1_000_000).toFixed(2).replace(/\.?0+$/, '')}M`
}

export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${(n / 1024 / 1024).toFixed(2)} MiB`
}

export function percent(used: number): string {
  const pct = Math.round(Math.max(0, Math.min(100, used)))
  return currentIntl().formatNumber(pct / 100, { style: 'percent' })
}

/** "14:02" today, "Mon", "3 Mar" — for the sidebar, in the UI language's formats. */
export function shortDate(iso: string, now = new Date()): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const intl = currentIntl()
  const time = intl.formatTime(d, { hour: '2-digit', minute: '2-digit' })
  if (d.toDateString() === now.toDateString()) return time
  const days = (now.getTime() - d.getTime()) / 86_400_000
  if (days < 6) return intl.formatDate(d, { weekday: 'short' })
  return intl.formatDate(d, { day: 'numeric', month: 'short' })
}
