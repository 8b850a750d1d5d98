// The status bar: connection, the context meter (tokens used of the effective window, and where
// auto-compaction starts) and one usage meter per rate-limit window with its reset time.
import { useEffect, useState } from 'react'
import type { RateLimitSnapshot, RateLimitWindow } from '@shared/wire/rate-limits'
import type { ContextInfo } from '../state/chat-state'
import { formatTokens, percent, resetsIn, windowLabel } from '../state/format'
import { useT } from '../i18n/use-t'

interface Meter {
  key: string
  label: string
  used: number
  reset: string | null
  /** When the window resets (ms), shown as a local date and time on hover. */
  resetsAt?: number | undefined
}

/** `codex` is the plan's main limit; others (e.g. `codex_other`) are named after their id. */
function limitName(id: string, snap: RateLimitSnapshot): string {
  if (snap.limit_name) return `${snap.limit_name} `
  if (id === 'codex') return ''
  return `${id.replace(/^codex_/, '').replace(/_/g, ' ')} `
}

export function usageMeters(limits: Record<string, RateLimitSnapshot>, now: number): Meter[] {
  const out: Meter[] = []
  for (const [id, snap] of Object.entries(limits)) {
    const windows: [string, RateLimitWindow | undefined][] = [
      ['primary', snap.primary],
      ['secondary', snap.secondary],
    ]
    for (const [which, w] of windows)
      if (w)
        out.push({
          key: `${id}:${which}`,
          label: `${limitName(id, snap)}${windowLabel(w.window_minutes)}`,
          used: w.used_percent,
          reset: resetsIn(w.resets_at, now),
          resetsAt: w.resets_at === undefined ? undefined : w.resets_at * 1000,
        })
  }
  return out
}

function Bar({ value, warn }: { value: number; warn: boolean }) {
  return (
    <span className={`bar${warn ? ' warn' : ''}`} aria-hidden="true">
      <span className="fill" style={{ width: `${Math.max(2, Math.min(100, value))}%` }} />
    </span>
  )
}

export function ContextMeter({ info, onCompact }: { info: ContextInfo | null; onCompact?: () => void }) {
  const t = useT()
  const limit = info?.effectiveContextWindow ?? null
  if (!info || limit === null) return null
  const used = info.used ?? 0
  const pct = (used / limit) * 100
  const compact = info.autoCompactTokenLimit
  const dropped = info.compactedFrom
    ? t('context.compactedFrom', { n: formatTokens(info.compactedFrom.tokens) })
    : ''
  const text =
    t('context.text', { used: formatTokens(used), limit: formatTokens(limit) }) +
    (dropped || (compact ? t('context.compactsAt', { n: formatTokens(compact) }) : ''))
  const meter = (
    <span
      className="meter context"
      role="meter"
      aria-label={t('context.label')}
      aria-valuemin={0}
      aria-valuemax={limit}
      aria-valuenow={used}
      aria-valuetext={text}
      data-testid="context-meter"
      title={
        t('context.title', { used, limit }) +
        (compact ? t('context.titleCompact', { n: compact }) : '') +
        (info.contextWindow ? t('context.titleWindow', { n: info.contextWindow }) : '')
      }
    >
      <Bar value={pct} warn={compact !== null && used >= compact * 0.9} />
      <span className="meter-text">{text}</span>
    </span>
  )
  if (!onCompact) return meter
  return (
    <>
      {meter}
      <button
        type="button"
        className="btn link compact-now"
        onClick={onCompact}
        disabled={info.compacting === true}
        title={t('context.compactTitle')}
      >
        {info.compacting ? t('context.compacting') : t('context.compactNow')}
      </button>
    </>
  )
}

interface Props {
  connection: 'open' | 'reconnecting' | 'closed'
  context: ContextInfo | null
  rateLimits: Record<string, RateLimitSnapshot>
  /** Compact the shown conversation now (absent: no conversation, or a turn is running). */
  onCompact?: (() => void) | undefined
}

export function StatusBar({ connection, context, rateLimits, onCompact }: Props) {
  const t = useT()
  // Reset times count down: re-render once a minute, not more.
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(t)
  }, [])
  const meters = usageMeters(rateLimits, now)
  return (
    <footer className="statusbar" aria-label={t('status.label')}>
      <span className={`conn ${connection}`} role="status">
        <span className="conn-dot" aria-hidden="true" />
        {connection === 'open'
          ? t('status.connected')
          : connection === 'reconnecting'
            ? t('status.reconnecting')
            : t('status.disconnected')}
      </span>
      <ContextMeter info={context} {...(onCompact ? { onCompact } : {})} />
      <span className="spacer" />
      {meters.map((m) => (
        <span
          key={m.key}
          className="meter usage"
          role="meter"
          aria-label={t('usage.label', { label: m.label })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(m.used)}
          aria-valuetext={t('usage.valuetext', { pct: percent(m.used) }) + (m.reset ? `, ${m.reset}` : '')}
          data-testid="usage-meter"
          title={m.resetsAt ? t('usage.resetsAt', { at: m.resetsAt }) : undefined}
        >
          <span className="meter-label">{m.label}</span>
          <Bar value={m.used} warn={m.used >= 80} />
          <span className="meter-text">
            {percent(m.used)}
            {m.reset && <span className="reset"> · {m.reset}</span>}
          </span>
        </span>
      ))}
    </footer>
  )
}
