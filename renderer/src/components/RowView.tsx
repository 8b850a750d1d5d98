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
import { useT, useTRich } from '../i18n/use-t'
import { turnOfRow } from '../state/rows'
import { RegenerateButton, UserMessage, type BranchActions } from './BranchControls'
import { CopyButton } from './ExportMenu'

export interface RowActions {
  onRetry: (text: string) => void
  /** Answer a tool call's approval request. */
  onApprove?: (callId: string, decision: ToolDecision) => void
  /** The context was full: compact, then the engine resends the message once. */
  onCompactRetry?: () => void
  /** Edit, regenerate and ‹ n/m › (issue 13). */
  branches?: BranchActions
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
  const rich = useTRich()
  const t = useT()
  return (
    <div className="notice reroute" data-kind="reroute">
      <ShuffleIcon />
      <div>
        <p className="notice-title">
          {rich('reroute.answeredBy', {
            served: <strong className="served">{served}</strong>,
            requested: <strong className="requested">{requested}</strong>,
          })}
        </p>
        {text && (
          <details>
            <summary>{t('reroute.why')}</summary>
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
  const t = useT()
  return (
    <div className="msg error" role="alert">
      <AlertIcon />
      <div className="error-body">
        <p className="error-title">{plainError(code)}</p>
        <p className="error-detail">{message}</p>
      </div>
      {compact && (
        <button type="button" className="btn" onClick={onCompactRetry}>
          {t('error.compactRetry')}
        </button>
      )}
      {retryText !== undefined && !compact && (
        <button type="button" className="btn" onClick={() => onRetry(retryText)}>
          {t('error.retry')}
        </button>
      )}
    </div>
  )
}

export const RowView = memo(function RowView({ row, actions }: { row: Row; actions: RowActions }) {
  const t = useT()
  switch (row.kind) {
    case 'user':
      return (
        <UserMessage
          turnId={turnOfRow(row.id)}
          text={row.text}
          siblings={row.siblings}
          actions={actions.branches}
          before={<AttachmentThumbs items={row.attachments} />}
        />
      )
    case 'assistant': {
      const cited = row.citations ? citeMarkdown(row.text, row.citations) : null
      const turnId = row.phase === 'commentary' ? null : turnOfRow(row.id)
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
          {row.partial && <p className="stopped">{t('live.cutShort')}</p>}
          <div className="msg-actions answer-actions">
            <ReadAloudButton id={row.id} text={row.text} />
            <CopyButton text={cited ? cited.text : row.text} />
            {turnId && actions.branches && <RegenerateButton turnId={turnId} actions={actions.branches} />}
          </div>
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
        <div
          className="divider compacted"
          role="separator"
          aria-label={t('row.compacted')}
          data-kind="compacted"
        >
          <span>{t('row.compacted')}</span>
        </div>
      )
  }
})
