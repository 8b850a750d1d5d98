// Branch controls (issue 13): ‹ n/m › between sibling versions of a message, Edit on a question
// (the edited text runs as a new sibling), Regenerate on an answer (optionally with another model).
import { useState, type ReactNode } from 'react'
import { CopyButton } from './ExportMenu'
import { useT } from '../i18n/use-t'

export interface BranchActions {
  onEdit: (turnId: string, text: string) => void
  onRegenerate: (turnId: string, model?: string) => void
  onSwitch: (turnId: string) => void
  /** Models offered by "Regenerate with…". */
  models: string[]
  /** A turn is running: edits and regenerations wait. */
  busy: boolean
}

export function SiblingSwitch({
  turnId,
  siblings,
  onSwitch,
}: {
  turnId: string
  siblings: string[]
  onSwitch: (turnId: string) => void
}) {
  const t = useT()
  const i = siblings.indexOf(turnId)
  if (i < 0 || siblings.length < 2) return null
  const go = (j: number) => siblings[j] && onSwitch(siblings[j]!)
  return (
    <span className="sibling-switch" data-testid="sibling-switch">
      <button
        type="button"
        className="btn ghost small"
        aria-label={t('branch.previous')}
        disabled={i === 0}
        onClick={() => go(i - 1)}
      >
        ‹
      </button>
      <span className="sibling-pos">
        {i + 1}/{siblings.length}
      </span>
      <button
        type="button"
        className="btn ghost small"
        aria-label={t('branch.next')}
        disabled={i === siblings.length - 1}
        onClick={() => go(i + 1)}
      >
        ›
      </button>
    </span>
  )
}

/** A question: its text, ‹ n/m ›, and Edit (an inline editor; Save runs the edited turn). */
export function UserMessage({
  turnId,
  text,
  siblings,
  actions,
  before,
}: {
  turnId: string | null
  text: string
  siblings: string[] | undefined
  actions: BranchActions | undefined
  /** Shown above the text (the message's attachment thumbnails). */
  before?: ReactNode
}) {
  const t = useT()
  const [draft, setDraft] = useState<string | null>(null)
  if (draft !== null && turnId && actions)
    return (
      <div className="msg user editing" data-role="user">
        <textarea
          className="edit-box"
          aria-label={t('branch.editLabel')}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          rows={Math.min(10, draft.split('\n').length + 1)}
        />
        <div className="msg-actions">
          <button type="button" className="btn ghost small" onClick={() => setDraft(null)}>
            {t('branch.cancel')}
          </button>
          <button
            type="button"
            className="btn primary small"
            disabled={!draft.trim() || actions.busy}
            onClick={() => {
              actions.onEdit(turnId, draft)
              setDraft(null)
            }}
          >
            {t('branch.saveSend')}
          </button>
        </div>
      </div>
    )
  return (
    <div className="msg user" data-role="user">
      {before}
      {/* A message of attachments alone has no text to show or copy. */}
      {text && <div className="text">{text}</div>}
      {turnId && actions && (
        <div className="msg-actions">
          {siblings && <SiblingSwitch turnId={turnId} siblings={siblings} onSwitch={actions.onSwitch} />}
          {text && <CopyButton text={text} />}
          <button
            type="button"
            className="btn ghost small"
            disabled={actions.busy}
            onClick={() => setDraft(text)}
          >
            {t('branch.edit')}
          </button>
        </div>
      )}
    </div>
  )
}

/** Regenerate (same model), or pick another model to answer the same question again. */
export function RegenerateButton({ turnId, actions }: { turnId: string; actions: BranchActions }) {
  const t = useT()
  return (
    <span className="regenerate">
      <button
        type="button"
        className="btn ghost small"
        disabled={actions.busy}
        onClick={() => actions.onRegenerate(turnId)}
      >
        {t('branch.regenerate')}
      </button>
      {actions.models.length > 1 && (
        <select
          className="btn ghost small"
          aria-label={t('branch.regenerateWith')}
          value=""
          disabled={actions.busy}
          onChange={(e) => e.target.value && actions.onRegenerate(turnId, e.target.value)}
        >
          <option value="">{t('branch.with')}</option>
          {actions.models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      )}
    </span>
  )
}
