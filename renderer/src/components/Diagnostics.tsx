// Per-conversation diagnostics: one card per turn from the `telemetry` events (live) and the
// stored turn records (history): transport and fallbacks, handshake and request durations, time
// to first token, events by kind, processing percentiles, bytes and compression, retries.
import type { TurnDiag } from '../state/chat-state'
import { formatBytes, formatMs } from '../state/format'
import { CloseIcon } from './icons'
import { VoiceDiagnostics } from '../voice/VoiceDiagnostics'
import { useT } from '../i18n/use-t'

function Fact({ k, v }: { k: string; v: string }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{v}</dd>
    </>
  )
}

const list = (xs: number[]) => (xs.length ? xs.map(formatMs).join(', ') : '—')

function TurnCard({ d, n }: { d: TurnDiag; n: number }) {
  const t = d.telemetry
  const tx = useT()
  const kinds = t ? Object.entries(t.eventsByKind).sort((a, b) => b[1] - a[1]) : []
  return (
    <section className="diag-turn" aria-label={tx('diag.turn', { n })} data-testid="diag-turn">
      <header>
        <h3>{tx('diag.turn', { n })}</h3>
        <span className={`pill ${d.status}`}>{d.status}</span>
      </header>
      <dl>
        <Fact
          k={tx('diag.model')}
          v={d.serverModel && d.serverModel !== d.model ? `${d.model} → ${d.serverModel}` : d.model}
        />
        {t ? (
          <>
            <Fact k={tx('settings.transport')} v={t.transport === 'websocket' ? 'WebSocket' : 'SSE'} />
            <Fact k={tx('diag.fallbacks')} v={String(t.fallbacks)} />
            <Fact k={tx('diag.retries')} v={String(Math.max(t.retries, d.retries))} />
            <Fact k={tx('diag.requests')} v={String(t.requests)} />
            <Fact k={tx('diag.handshake')} v={list(t.handshakeMs)} />
            <Fact k={tx('diag.request')} v={list(t.requestMs)} />
            <Fact k={tx('diag.firstToken')} v={t.ttftMs === null ? '—' : formatMs(t.ttftMs)} />
            <Fact k={tx('diag.duration')} v={formatMs(t.durationMs)} />
            <Fact
              k={tx('diag.processing')}
              v={`p50 ${formatMs(t.processing.p50)} · p95 ${formatMs(t.processing.p95)} · max ${formatMs(t.processing.max)}`}
            />
            <Fact k={tx('diag.received')} v={formatBytes(t.bytesIn)} />
            <Fact
              k={tx('diag.sent')}
              v={`${formatBytes(t.bytesOut)}${t.compressionRatio ? tx('diag.compressed', { of: formatBytes(t.bytesOutUncompressed), ratio: t.compressionRatio.toFixed(1) }) : tx('diag.uncompressed')}`}
            />
            {t.serverTiming && Object.keys(t.serverTiming).length > 0 && (
              <Fact
                k={tx('diag.serverTiming')}
                v={Object.entries(t.serverTiming)
                  .map(([k, v]) => `${k} ${formatMs(v)}`)
                  .join(', ')}
              />
            )}
          </>
        ) : (
          <Fact
            k={tx('diag.telemetry')}
            v={d.status === 'running' ? tx('diag.whenTurnEnds') : tx('diag.notRecorded')}
          />
        )}
      </dl>
      {d.fallbacks.length > 0 && (
        <ul className="diag-notes">
          {d.fallbacks.map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ul>
      )}
      {kinds.length > 0 && (
        <details>
          <summary>{tx('diag.eventsByKind', { n: kinds.reduce((a, [, c]) => a + c, 0) })}</summary>
          <table className="kinds">
            <tbody>
              {kinds.map(([k, c]) => (
                <tr key={k}>
                  <td>{k}</td>
                  <td>{c}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  )
}

export default function Diagnostics({
  turns,
  conversationId = null,
  onClose,
}: {
  turns: TurnDiag[]
  conversationId?: string | null
  onClose: () => void
}) {
  const t = useT()
  return (
    <aside className="diagnostics" aria-label={t('app.diagnostics')}>
      <header className="panel-head">
        <h2>{t('app.diagnostics')}</h2>
        <button type="button" className="icon-btn" aria-label={t('diag.close')} onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      <div className="panel-body">
        <VoiceDiagnostics conversationId={conversationId} />
        {turns.length === 0 ? (
          <p className="hint">{t('diag.empty')}</p>
        ) : (
          [...turns].reverse().map((d, i) => <TurnCard key={d.turnId} d={d} n={turns.length - i} />)
        )}
      </div>
    </aside>
  )
}
