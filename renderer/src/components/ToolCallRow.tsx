// A tool call in the transcript: a collapsible row with the server, tool, arguments, result and
// duration. While a call waits for approval it is open and asks: allow once, always, or deny.
import { memo } from 'react'
import type { ToolDecision } from '@shared/tools'
import type { ToolRow } from '../state/tool-rows'

const STATUS: Record<ToolRow['status'], string> = {
  pending: 'Waiting for your approval',
  running: 'Running…',
  ok: 'Done',
  error: 'Failed',
  denied: 'Denied',
  timeout: 'Timed out',
  interrupted: 'Stopped',
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
        <span className="tool-status">{STATUS[row.status]}</span>
        {row.durationMs !== undefined && <span className="tool-duration">{formatMs(row.durationMs)}</span>}
      </summary>
      <div className="tool-body">
        <p className="tool-label">Arguments</p>
        <pre className="tool-args">{prettyArgs(row.arguments)}</pre>
        {row.output !== undefined && (
          <>
            <p className="tool-label">Result</p>
            <pre className="tool-output">{row.output}</pre>
          </>
        )}
      </div>
      {pending && onApprove && (
        <div className="tool-approval" role="group" aria-label={`Approve ${who}`}>
          <p>
            Run <strong>{row.tool}</strong>
            {row.server ? (
              <>
                {' '}
                on <strong>{row.server}</strong>
              </>
            ) : null}
            ?
          </p>
          <button type="button" className="btn primary" onClick={() => onApprove(row.callId, 'allow_once')}>
            Allow once
          </button>
          <button type="button" className="btn" onClick={() => onApprove(row.callId, 'always')}>
            Always for this tool
          </button>
          <button type="button" className="btn" onClick={() => onApprove(row.callId, 'deny')}>
            Deny
          </button>
        </div>
      )}
    </details>
  )
})

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`
}
