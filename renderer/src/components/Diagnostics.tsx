// Per-conversation diagnostics: one card per turn from the `telemetry` events (live) and the
// stored turn records (history): transport and fallbacks, handshake and request durations, time
// to first token, events by kind, processing percentiles, bytes and compression, retries.
import type { TurnDiag } from '../state/chat-state'
import { formatBytes, formatMs } from '../state/format'
import { CloseIcon } from './icons'
import { VoiceDiagnostics } from '../voice/VoiceDiagnostics'

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
  const kinds = t ? Object.entries(t.eventsByKind).sort((a, b) => b[1] - a[1]) : []
  return (
    <section className="diag-turn" aria-label={`Turn ${n}`} data-testid="diag-turn">
      <header>
        <h3>Turn {n}</h3>
        <span className={`pill ${d.status}`}>{d.status}</span>
      </header>
      <dl>
        <Fact
          k="Model"
          v={d.serverModel && d.serverModel !== d.model ? `${d.model} → ${d.serverModel}` : d.model}
        />
        {t ? (
          <>
            <Fact k="Transport" v={t.transport === 'websocket' ? 'WebSocket' : 'SSE'} />
            <Fact k="Fallbacks" v={String(t.fallbacks)} />
            <Fact k="Retries" v={String(Math.max(t.retries, d.retries))} />
            <Fact k="Requests" v={String(t.requests)} />
            <Fact k="Handshake" v={list(t.handshakeMs)} />
            <Fact k="Request" v={list(t.requestMs)} />
            <Fact k="First token" v={t.ttftMs === null ? '—' : formatMs(t.ttftMs)} />
            <Fact k="Duration" v={formatMs(t.durationMs)} />
            <Fact
              k="Processing"
              v={`p50 ${formatMs(t.processing.p50)} · p95 ${formatMs(t.processing.p95)} · max ${formatMs(t.processing.max)}`}
            />
            <Fact k="Received" v={formatBytes(t.bytesIn)} />
            <Fact
              k="Sent"
              v={`${formatBytes(t.bytesOut)}${t.compressionRatio ? ` (of ${formatBytes(t.bytesOutUncompressed)}, ${t.compressionRatio.toFixed(1)}× compressed)` : ' (uncompressed)'}`}
            />
            {t.serverTiming && Object.keys(t.serverTiming).length > 0 && (
              <Fact
                k="Server timing"
                v={Object.entries(t.serverTiming)
                  .map(([k, v]) => `${k} ${formatMs(v)}`)
                  .join(', ')}
              />
            )}
          </>
        ) : (
          <Fact k="Telemetry" v={d.status === 'running' ? 'when the turn ends' : 'not recorded'} />
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
          <summary>Events by kind ({kinds.reduce((a, [, c]) => a + c, 0)})</summary>
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
  return (
    <aside className="diagnostics" aria-label="Diagnostics">
      <header className="panel-head">
        <h2>Diagnostics</h2>
        <button type="button" className="icon-btn" aria-label="Close diagnostics" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      <div className="panel-body">
        <VoiceDiagnostics conversationId={conversationId} />
        {turns.length === 0 ? (
          <p className="hint">
            Each turn of this conversation will show its transport, timings and bytes here.
          </p>
        ) : (
          [...turns].reverse().map((d, i) => <TurnCard key={d.turnId} d={d} n={turns.length - i} />)
        )}
      </div>
    </aside>
  )
}
