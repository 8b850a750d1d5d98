// The Diagnostics panel's voice cards: per voice session of the conversation, frames sent,
// samples played, latency percentiles, interruptions and reconnects.
import { formatMs } from '../state/format'
import { percentiles, useVoiceStats } from './voice-stats'

function pct(xs: number[]): string {
  const p = percentiles(xs)
  return p ? `p50 ${formatMs(p.p50)} · p95 ${formatMs(p.p95)} · max ${formatMs(p.max)}` : '—'
}

export function VoiceDiagnostics({ conversationId }: { conversationId: string | null }) {
  const all = useVoiceStats(conversationId)
  if (all.length === 0) return null
  return (
    <>
      {[...all].reverse().map((s, i) => (
        <section
          key={s.startedAt + ':' + i}
          className="diag-turn"
          aria-label={`Voice session ${all.length - i}`}
          data-testid="diag-voice"
        >
          <header>
            <h3>Voice session {all.length - i}</h3>
            <span className={`pill ${s.ended ? 'completed' : 'running'}`}>{s.ended ?? 'live'}</span>
          </header>
          <dl>
            <dt>Frames sent</dt>
            <dd data-testid="diag-frames-sent">{s.framesSent}</dd>
            <dt>Samples played</dt>
            <dd data-testid="diag-samples-played">{s.samplesPlayed}</dd>
            <dt>Interruptions</dt>
            <dd data-testid="diag-interruptions">{s.interruptions}</dd>
            <dt>Reconnects</dt>
            <dd>{s.reconnects}</dd>
            <dt>First audio</dt>
            <dd>{pct(s.firstAudioMs)}</dd>
            <dt>Capture → host</dt>
            <dd>{pct(s.captureMs)}</dd>
          </dl>
        </section>
      ))}
    </>
  )
}
