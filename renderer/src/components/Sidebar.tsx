// The conversation list: newest first, search over titles and text (done in main), new chat,
// rename (F2 or the pencil) and delete with undo (Delete or the bin; the file is removed only
// when the undo window has passed).
import { useEffect, useRef, useState } from 'react'
import type { ConversationSummary } from '@shared/history'
import type { SearchHit } from '@shared/bridge'
import { bridge } from '../bridge'
import { shortDate } from '../state/format'
import { PencilIcon, PlusIcon, SearchIcon, TrashIcon } from './icons'
import { useT } from '../i18n/use-t'

interface Props {
  conversations: ConversationSummary[]
  currentId: string | null
  /** Hidden while their undo window runs. */
  hidden: ReadonlySet<string>
  onOpen: (id: string) => void
  onNew: () => void
  onRename: (id: string, title: string) => void
  onDelete: (c: { id: string; title: string }) => void
  searchRef: React.RefObject<HTMLInputElement | null>
}

const SEARCH_DEBOUNCE_MS = 150

function RenameField({ title, onDone }: { title: string; onDone: (t: string | null) => void }) {
  const [v, setV] = useState(title)
  const t = useT()
  return (
    <input
      className="rename"
      aria-label={t('sidebar.newTitle')}
      value={v}
      autoFocus
      maxLength={200}
      onChange={(e) => setV(e.target.value)}
      onBlur={() => onDone(v.trim() && v.trim() !== title ? v.trim() : null)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onDone(v.trim() && v.trim() !== title ? v.trim() : null)
        if (e.key === 'Escape') {
          e.stopPropagation()
          onDone(null)
        }
      }}
    />
  )
}

export function Sidebar(p: Props) {
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<SearchHit[] | null>(null)
  const [renaming, setRenaming] = useState<string | null>(null)
  const seq = useRef(0)

  useEffect(() => {
    const q = query.trim()
    if (!q) {
      setHits(null)
      return
    }
    const n = ++seq.current
    const t = setTimeout(() => {
      bridge.query('conversations.search', { query: q }).then(
        (r) => n === seq.current && setHits(r),
        () => n === seq.current && setHits([]),
      )
    }, SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(t)
  }, [query, p.conversations])

  const items: { id: string; title: string; updatedAt: string; snippet: string | null }[] = (
    hits ?? p.conversations.map((c) => ({ ...c, snippet: null }))
  ).filter((c) => !p.hidden.has(c.id))

  const t = useT()
  return (
    <nav className="sidebar" aria-label={t('sidebar.label')}>
      <div className="sidebar-top">
        <button type="button" className="btn new-chat" onClick={p.onNew} title={t('sidebar.newChatTitle')}>
          <PlusIcon /> {t('app.newChat')}
        </button>
        <div className="search">
          <SearchIcon />
          <input
            ref={p.searchRef}
            type="search"
            aria-label={t('sidebar.searchLabel')}
            placeholder={t('sidebar.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setQuery('')}
          />
        </div>
      </div>
      {hits !== null && (
        <p className="search-count" role="status">
          {items.length === 0 ? t('sidebar.noMatch') : t('sidebar.found', { n: items.length })}
        </p>
      )}
      {hits === null && items.length === 0 && <p className="conv-empty">{t('sidebar.empty')}</p>}
      <ul className="conv-list">
        {items.map((c) => (
          <li
            key={c.id}
            className={c.id === p.currentId ? 'conv current' : 'conv'}
            onKeyDown={(e) => {
              if (e.target !== e.currentTarget.firstElementChild) return
              if (e.key === 'F2') setRenaming(c.id)
              if (e.key === 'Delete') p.onDelete(c)
            }}
          >
            {renaming === c.id ? (
              <RenameField
                title={c.title}
                onDone={(t) => {
                  setRenaming(null)
                  if (t) p.onRename(c.id, t)
                }}
              />
            ) : (
              <button
                type="button"
                className="conv-open"
                aria-current={c.id === p.currentId ? 'page' : undefined}
                onClick={() => p.onOpen(c.id)}
              >
                <span className="conv-title">{c.title}</span>
                {c.snippet ? (
                  <span className="conv-snippet">{c.snippet}</span>
                ) : (
                  <span className="conv-date">{shortDate(c.updatedAt)}</span>
                )}
              </button>
            )}
            <span className="conv-actions">
              <button
                type="button"
                className="icon-btn"
                aria-label={t('sidebar.renameLabel', { title: c.title })}
                title={t('sidebar.renameTitle')}
                onClick={() => setRenaming(c.id)}
              >
                <PencilIcon />
              </button>
              <button
                type="button"
                className="icon-btn"
                aria-label={t('sidebar.deleteLabel', { title: c.title })}
                title={t('sidebar.deleteTitle')}
                onClick={() => p.onDelete(c)}
              >
                <TrashIcon />
              </button>
            </span>
          </li>
        ))}
      </ul>
    </nav>
  )
}
