// The Diagnostics panel's voice cards: per voice session of the conversation, frames sent,
// samples played, latency percentiles, interruptions and reconnects.
import { formatMs } from '../state/format'
import { percentiles, useVoiceStats } from './voice-stats'
import { useT } from '../i18n/use-t'

function pct(xs: number[]): string {
  const p = percentiles(xs)
  return p ? `p50 ${formatMs(p.p50)} · p95 ${formatMs(p.p95)} · max ${formatMs(p.max)}` : '—'
}

export function VoiceDiagnostics({ conversationId }: { conversationId: string | null }) {
  const all = useVoiceStats(conversationId)
  const t = useT()
  if (all.length === 0) return null
  return (
    <>
      {[...all].reverse().map((s, i) => (
        <section
          key={s.startedAt + ':' + i}
          className="diag-turn"
          aria-label={t('voice.session', { n: all.length - i })}
          data-testid="diag-voice"
        >
          <header>
            <h3>{t('voice.session', { n: all.length - i })}</h3>
            <span className={`pill ${s.ended ? 'completed' : 'running'}`}>{s.ended ?? t('voice.live')}</span>
          </header>
          <dl>
            <dt>{t('voice.framesSent')}</dt>
            <dd data-testid="diag-frames-sent">{s.framesSent}</dd>
            <dt>{t('voice.samplesPlayed')}</dt>
            <dd data-testid="diag-samples-played">{s.samplesPlayed}</dd>
            <dt>{t('voice.interruptions')}</dt>
            <dd data-testid="diag-interruptions">{s.interruptions}</dd>
            <dt>{t('voice.reconnects')}</dt>
            <dd>{s.reconnects}</dd>
            <dt>{t('voice.firstAudio')}</dt>
            <dd>{pct(s.firstAudioMs)}</dd>
            <dt>{t('voice.captureHost')}</dt>
            <dd>{pct(s.captureMs)}</dd>
          </dl>
        </section>
      ))}
    </>
  )
}
