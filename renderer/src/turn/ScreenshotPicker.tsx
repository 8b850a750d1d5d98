// The Screenshot button's picker (issue 14): the screens and windows main can capture, with small
// previews and names. Main lists and captures them; the page only ever sees the previews. Arrow
// keys move between sources, Enter or a click picks one, Escape cancels.
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react'
import type { QueryOutput } from '@shared/bridge'
import { bytesToDataUrl } from '../attachments/chips'
import { useT } from '../i18n/use-t'

export type SourceList = QueryOutput<'screenshot.sources'>

export function ScreenshotPicker({
  list,
  onPick,
  onCancel,
}: {
  list: SourceList
  onPick: (id: string) => void
  onCancel: () => void
}) {
  const t = useT()
  const urls = useMemo(() => {
    let at = 0
    return list.sources.map((s) => {
      const bytes = list.thumbnails.subarray(at, at + s.thumbnailBytes)
      at += s.thumbnailBytes
      // Data URLs: the page's CSP allows `data:` images only.
      return bytes.byteLength > 0 ? bytesToDataUrl('image/png', bytes) : ''
    })
  }, [list])
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => box.current?.querySelector<HTMLButtonElement>('button.source')?.focus(), [])

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      onCancel()
      return
    }
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key]
    if (!step) return
    const buttons = Array.from(box.current?.querySelectorAll<HTMLButtonElement>('button.source') ?? [])
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement)
    buttons[(i + step + buttons.length) % buttons.length]?.focus()
    e.preventDefault()
  }

  return (
    <div
      className="screenshot-picker"
      role="dialog"
      aria-label={t('screenshot.pickerLabel')}
      ref={box}
      onKeyDown={onKey}
    >
      <div className="screenshot-picker-head">
        <strong>{t('screenshot.pickerTitle')}</strong>
        <button type="button" className="btn ghost" onClick={onCancel}>
          {t('screenshot.cancel')}
        </button>
      </div>
      <ul className="screenshot-sources">
        {list.sources.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              className="source"
              onClick={() => onPick(s.id)}
              aria-label={t(s.kind === 'screen' ? 'screenshot.screenNamed' : 'screenshot.windowNamed', {
                name: s.name,
              })}
            >
              {urls[i] ? <img src={urls[i]} alt="" /> : <span className="no-preview" />}
              <span className="source-name">{s.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
