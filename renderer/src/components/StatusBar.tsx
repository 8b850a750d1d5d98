// The status bar: connection, the context meter (tokens used of the effective window, and where
// auto-compaction starts) and one usage meter per rate-limit window with its reset time.
import { useEffect, useState } from 'react'
import type { RateLimitSnapshot, RateLimitWindow } from '@shared/wire/rate-limits'
import type { ContextInfo } from '../state/chat-state'
import { formatTokens, percent, resetsIn, windowLabel } from '../state/format'

interface Meter {
  key: string
  label: string
  used: number
  reset: string | null
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
  const limit = info?.effectiveContextWindow ?? null
  if (!info || limit === null) return null
  const used = info.used ?? 0
  const pct = (used / limit) * 100
  const compact = info.autoCompactTokenLimit
  const dropped = info.compactedFrom ? ` · compacted from ${formatTokens(info.compactedFrom.tokens)}` : ''
  const text = `Context ${formatTokens(used)} of ${formatTokens(limit)}${dropped || (compact ? ` · compacts at ${formatTokens(compact)}` : '')}`
  const meter = (
    <span
      className="meter context"
      role="meter"
      aria-label="Context window"
      aria-valuemin={0}
      aria-valuemax={limit}
      aria-valuenow={used}
      aria-valuetext={text}
      data-testid="context-meter"
      title={`${used.toLocaleString()} tokens used of an effective ${limit.toLocaleString()}${compact ? `; auto-compaction would start at ${compact.toLocaleString()}` : ''}${info.contextWindow ? ` (model window ${info.contextWindow.toLocaleString()})` : ''}`}
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
        title="Summarize earlier messages for the model; the transcript stays as it is"
      >
        {info.compacting ? 'Compacting…' : 'Compact now'}
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
  // Reset times count down: re-render once a minute, not more.
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(t)
  }, [])
  const meters = usageMeters(rateLimits, now)
  return (
    <footer className="statusbar" aria-label="Status">
      <span className={`conn ${connection}`} role="status">
        <span className="conn-dot" aria-hidden="true" />
        {connection === 'open'
          ? 'Connected'
          : connection === 'reconnecting'
            ? 'Reconnecting…'
            : 'Disconnected'}
      </span>
      <ContextMeter info={context} {...(onCompact ? { onCompact } : {})} />
      <span className="spacer" />
      {meters.map((m) => (
        <span
          key={m.key}
          className="meter usage"
          role="meter"
          aria-label={`${m.label} usage`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(m.used)}
          aria-valuetext={`${percent(m.used)} used${m.reset ? `, ${m.reset}` : ''}`}
          data-testid="usage-meter"
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
