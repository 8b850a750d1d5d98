// One row of the conversation: a question, an answer (commentary quieter than the final answer),
// a finished reasoning summary, a notice (a reroute names both models), or an error with Retry.
import { memo } from 'react'
import type { Row } from '../state/rows'
import { Markdown } from '../markdown/Markdown'
import { AlertIcon, ShuffleIcon } from './icons'
import { plainError } from './error-words'
import { AttachmentThumbs } from '../attachments/Thumbs'
import { ToolCallRow } from './ToolCallRow'
import { Sources } from './Sources'
import { citeMarkdown } from '../state/citations'
import type { ToolDecision } from '@shared/tools'
import { ReadAloudButton } from '../voice/ReadAloudButton'

export interface RowActions {
  onRetry: (text: string) => void
  /** Answer a tool call's approval request. */
  onApprove?: (callId: string, decision: ToolDecision) => void
  /** The context was full: compact, then the engine resends the message once. */
  onCompactRetry?: () => void
}

export function RerouteNotice({
  requested,
  served,
  text,
}: {
  requested: string
  served: string
  text: string
}) {
  return (
    <div className="notice reroute" data-kind="reroute">
      <ShuffleIcon />
      <div>
        <p className="notice-title">
          Answered by <strong className="served">{served}</strong> instead of{' '}
          <strong className="requested">{requested}</strong>
        </p>
        {text && (
          <details>
            <summary>Why</summary>
            <Markdown text={text} />
          </details>
        )}
      </div>
    </div>
  )
}

export function ErrorView({
  message,
  code,
  retryText,
  onRetry,
  onCompactRetry,
}: {
  message: string
  code?: string | undefined
  retryText?: string | undefined
  onRetry: (text: string) => void
  onCompactRetry?: (() => void) | undefined
}) {
  const compact = code === 'context_length_exceeded' && onCompactRetry !== undefined
  return (
    <div className="msg error" role="alert">
      <AlertIcon />
      <div className="error-body">
        <p className="error-title">{plainError(code)}</p>
        <p className="error-detail">{message}</p>
      </div>
      {compact && (
        <button type="button" className="btn" onClick={onCompactRetry}>
          Compact and retry
        </button>
      )}
      {retryText !== undefined && !compact && (
        <button type="button" className="btn" onClick={() => onRetry(retryText)}>
          Retry
        </button>
      )}
    </div>
  )
}

export const RowView = memo(function RowView({ row, actions }: { row: Row; actions: RowActions }) {
  switch (row.kind) {
    case 'user':
      return (
        <div className="msg user" data-role="user">
          <AttachmentThumbs items={row.attachments} />
          <div className="text">{row.text}</div>
        </div>
      )
    case 'assistant': {
      const cited = row.citations ? citeMarkdown(row.text, row.citations) : null
      return (
        <div
          className={`msg assistant${row.phase === 'commentary' ? ' commentary' : ''}${row.partial ? ' partial' : ''}`}
          data-role="assistant"
          data-phase={row.phase ?? 'none'}
        >
          <div className="text">
            <Markdown text={cited ? cited.text : row.text} />
          </div>
          {cited && <Sources sources={cited.sources} />}
          {row.partial && <p className="stopped">Stopped — this answer was cut short.</p>}
          <ReadAloudButton id={row.id} text={row.text} />
        </div>
      )
    }
    case 'reasoning':
      return (
        <details className="reasoning">
          <summary>{row.header.replace(/^\*\*|\*\*$/g, '')}</summary>
          <Markdown text={row.body} />
        </details>
      )
    case 'notice':
      return row.reroute ? (
        <RerouteNotice {...row.reroute} text={row.text} />
      ) : (
        <div className="notice" data-kind="notice">
          <p>{row.text}</p>
        </div>
      )
    case 'tool':
      return <ToolCallRow row={row} onApprove={actions.onApprove} />
    case 'error':
      return (
        <ErrorView
          message={row.message}
          code={row.code}
          retryText={row.retryText}
          onRetry={actions.onRetry}
          onCompactRetry={actions.onCompactRetry}
        />
      )
    case 'divider':
      return (
        <div className="divider compacted" role="separator" aria-label={row.text} data-kind="compacted">
          <span>{row.text}</span>
        </div>
      )
  }
})
