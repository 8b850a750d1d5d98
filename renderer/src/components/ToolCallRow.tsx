// A tool call in the transcript: a collapsible row with the server, tool, arguments, result and
// duration. While a call waits for approval it is open and asks: allow once, always, or deny.
import { memo } from 'react'
import type { ToolDecision } from '@shared/tools'
import type { ToolRow } from '../state/tool-rows'
import { useT, useTRich } from '../i18n/use-t'
import type { MessageId } from '../i18n/messages/en'

const STATUS: Record<ToolRow['status'], MessageId> = {
  pending: 'tool.pending',
  running: 'tool.running',
  ok: 'tool.ok',
  error: 'tool.error',
  denied: 'tool.denied',
  timeout: 'tool.timeout',
  interrupted: 'tool.interrupted',
}

function prettyArgs(args: string): string {
  try {
    return JSON.stringify(JSON.parse(args), null, 2)
  } catch {
    return args
  }
}

export const ToolCallRow = memo(function ToolCallRow({
  row,
  onApprove,
}: {
  row: ToolRow
  onApprove?: ((callId: string, decision: ToolDecision) => void) | undefined
}) {
  const pending = row.status === 'pending'
  const t = useT()
  const rich = useTRich()
  const who = row.server ? `${row.server} · ${row.tool}` : row.tool
  return (
    <details
      className="tool-row"
      data-status={row.status}
      data-call-id={row.callId}
      open={pending || undefined}
    >
      <summary>
        <span className="tool-name">{who}</span>
        <span className="tool-status">{t(STATUS[row.status])}</span>
        {row.durationMs !== undefined && <span className="tool-duration">{formatMs(row.durationMs)}</span>}
      </summary>
      <div className="tool-body">
        <p className="tool-label">{t('tool.arguments')}</p>
        <pre className="tool-args">{prettyArgs(row.arguments)}</pre>
        {row.output !== undefined && (
          <>
            <p className="tool-label">{t('tool.result')}</p>
            <pre className="tool-output">{row.output}</pre>
          </>
        )}
      </div>
      {pending && onApprove && (
        <div className="tool-approval" role="group" aria-label={t('tool.approve', { who })}>
          <p>
            {row.server
              ? rich('tool.runOn', {
                  tool: <strong>{row.tool}</strong>,
                  server: <strong>{row.server}</strong>,
                })
              : rich('tool.run', { tool: <strong>{row.tool}</strong> })}
          </p>
          <button type="button" className="btn primary" onClick={() => onApprove(row.callId, 'allow_once')}>
            {t('tool.allowOnce')}
          </button>
          <button type="button" className="btn" onClick={() => onApprove(row.callId, 'always')}>
            {t('tool.always')}
          </button>
          <button type="button" className="btn" onClick={() => onApprove(row.callId, 'deny')}>
            {t('tool.deny')}
          </button>
        </div>
      )}
    </details>
  )
})

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`
}
