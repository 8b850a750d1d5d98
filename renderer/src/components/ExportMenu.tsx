// Export in the conversation's menu (issue 13): Markdown, one self-contained HTML file (the
// current branch) or JSON (the whole tree), saved through a download; and Copy as Markdown.
import { useState } from 'react'
import { bridge } from '../bridge'
import type { ExportFormat } from '@shared/export'

function download(filename: string, mime: string, text: string): void {
  const a = document.createElement('a')
  a.href = URL.createObjectURL(new Blob([text], { type: mime }))
  a.download = filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
}

export function ExportMenu({ conversationId }: { conversationId: string | null }) {
  const [note, setNote] = useState<string | null>(null)
  if (!conversationId) return null
  const run = async (format: ExportFormat | 'copy') => {
    try {
      const r = await bridge.query('conversations.export', {
        id: conversationId,
        format: format === 'copy' ? 'md' : format,
      })
      if (!r) return setNote('Nothing to export yet.')
      if (format === 'copy') {
        await navigator.clipboard.writeText(r.text)
        setNote('Copied as Markdown.')
      } else {
        download(r.filename, r.mime, r.text)
        setNote(`Saved ${r.filename}.`)
      }
    } catch (e) {
      setNote(`Export failed: ${(e as Error).message}`)
    }
    setTimeout(() => setNote(null), 4000)
  }
  return (
    <details className="export-menu">
      <summary className="btn ghost">Export</summary>
      <div className="export-items" role="menu">
        <button type="button" role="menuitem" className="btn ghost small" onClick={() => run('md')}>
          Markdown (.md)
        </button>
        <button type="button" role="menuitem" className="btn ghost small" onClick={() => run('html')}>
          Web page (.html)
        </button>
        <button type="button" role="menuitem" className="btn ghost small" onClick={() => run('json')}>
          Every branch (.json)
        </button>
        <button type="button" role="menuitem" className="btn ghost small" onClick={() => run('copy')}>
          Copy as Markdown
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
      {done ? 'Copied' : 'Copy'}
    </button>
  )
}
