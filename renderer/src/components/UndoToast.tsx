// "Deleted … Undo": the deletion happens only when the toast's time runs out.
import { useTRich } from '../i18n/use-t'

export interface PendingDelete {
  id: string
  title: string
}

export function UndoToast({ pending, onUndo }: { pending: PendingDelete[]; onUndo: (id: string) => void }) {
  const t = useTRich()
  if (pending.length === 0) return null
  return (
    <div className="toasts" role="status">
      {pending.map((p) => (
        <div className="toast" key={p.id}>
          <span>{t('undo.deleted', { title: <span className="toast-title">{p.title}</span> })}</span>
          <button type="button" className="btn" onClick={() => onUndo(p.id)}>
            {t('undo.undo', {})}
          </button>
        </div>
      ))}
    </div>
  )
}
