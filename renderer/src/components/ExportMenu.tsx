// Export in the conversation's menu (issue 13): Markdown, one self-contained HTML file (the
// current branch) or JSON (the whole tree), saved through a download; and Copy as Markdown.
import { useState } from 'react'
import { bridge } from '../bridge'
import type { ExportFormat } from '@shared/export'
import { useT } from '../i18n/use-t'

function download(filename: string, mime: string, text: string): void {
  const a = document.createElement('a')
  a.href = URL.createObjectURL(new Blob([text], { type: mime }))
  a.download = filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
}

export function ExportMenu({ conversationId }: { conversationId: string | null }) {
  const t = useT()
  const [note, setNote] = useState<string | null>(null)
  if (!conversationId) return null
  const run = async (format: ExportFormat | 'copy') => {
    try {
      const r = await bridge.query('conversations.export', {
        id: conversationId,
        format: format === 'copy' ? 'md' : format,
      })
      if (!r) return setNote(t('export.nothing'))
      if (format === 'copy') {
        await navigator.clipboard.writeText(r.text)
        setNote(t('export.copied'))
      } else {
        download(r.filename, r.mime, r.text)
        setNote(t('export.saved', { filename: r.filename }))
      }
    } catch (e) {
      setNote(t('export.failed', { message: (e as Error).message }))
    }
    setTimeout(() => setNote(null), 4000)
  }
  return (
    <details className="export-menu">
      <summary className="btn ghost">{t('export.menu')}</summary>
      <div className="export-items" role="menu">
        <button type="button" role="menuitem" className="btn ghost small" onClick={() => run('md')}>
          {t('export.md')}
        </button>
        <button type="button" role="menuitem" className="btn ghost small" onClick={() => run('html')}>
          {t('export.html')}
        </button>
        <button type="button" role="menuitem" className="btn ghost small" onClick={() => run('json')}>
          {t('export.json')}
        </button>
        <button type="button" role="menuitem" className="btn ghost small" onClick={() => run('copy')}>
          {t('export.copyMarkdown')}
        </button>
      </div>
      {note && (
        <p className="export-note" role="status">
          {note}
        </p>
      )}
    </details>
  )
}

/** Copy one message as Markdown (answers are Markdown already; a question is quoted as-is). */
export function CopyButton({ text }: { text: string }) {
  const t = useT()
  const [done, setDone] = useState(false)
  return (
    <button
      type="button"
      className="btn ghost small"
      onClick={() =>
        void navigator.clipboard.writeText(text).then(() => {
          setDone(true)
          setTimeout(() => setDone(false), 1500)
        })
      }
    >
      {done ? t('export.copiedShort') : t('export.copy')}
    </button>
  )
}
