// Attachment thumbnails in the transcript and the composer. An image's preview is asked of main
// only when its row is shown (the list is virtualised), so a long conversation opens as fast as
// one without pictures. Clicking opens the full image.
import { memo, useEffect, useState } from 'react'
import { createPortal } from 'react-dom'
import { bridge } from '../bridge'
import { bytesToDataUrl, type AttachmentChip } from './chips'
import './attachments.css'
import { useT } from '../i18n/use-t'

const cache = new Map<string, string>()

function useThumbnail(id: string, enabled: boolean): string | null {
  const [url, setUrl] = useState(() => cache.get(id) ?? null)
  useEffect(() => {
    if (!enabled || cache.has(id)) return
    let live = true
    bridge.query('attachments.get', { id, thumbnail: true }).then(
      (r) => {
        const u = bytesToDataUrl(r.mime, r.data)
        if (cache.size > 500) cache.delete(cache.keys().next().value!)
        cache.set(id, u)
        if (live) setUrl(u)
      },
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [id, enabled])
  return url
}

function FullImage({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT()
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    void bridge
      .query('attachments.get', { id, thumbnail: false })
      .then((r) => setUrl(bytesToDataUrl(r.mime, r.data)))
  }, [id])
  // A portal: rows of the virtual list are transformed, which would trap a fixed overlay inside them.
  return createPortal(
    <div className="image-viewer" role="dialog" aria-label={t('attach.image')} onClick={onClose}>
      {url ? <img src={url} alt={t('attach.imageAlt')} /> : <p>{t('attach.loading')}</p>}
      <button type="button" className="btn" onClick={onClose} autoFocus>
        {t('voice.close')}
      </button>
    </div>,
    document.body,
  )
}

export const Thumb = memo(function Thumb({
  chip,
  onRemove,
}: {
  chip: AttachmentChip
  onRemove?: () => void
}) {
  const t = useT()
  const url = useThumbnail(chip.id, chip.kind === 'image')
  const [open, setOpen] = useState(false)
  return (
    <span className="thumb" data-kind={chip.kind} title={chip.name}>
      {chip.kind === 'image' ? (
        <button
          type="button"
          className="thumb-open"
          onClick={() => setOpen(true)}
          aria-label={t('attach.open', { name: chip.name })}
        >
          {url ? <img src={url} alt={chip.name} /> : <span className="thumb-wait" />}
        </button>
      ) : (
        <span className="file-chip">
          <span className="file-ext">{(chip.name.split('.').pop() ?? 'file').slice(0, 4).toUpperCase()}</span>
          <span className="file-name">{chip.name}</span>
        </span>
      )}
      {onRemove && (
        <button
          type="button"
          className="thumb-remove"
          onClick={onRemove}
          aria-label={t('attach.remove', { name: chip.name })}
        >
          ×
        </button>
      )}
      {open && <FullImage id={chip.id} onClose={() => setOpen(false)} />}
    </span>
  )
})

export function AttachmentThumbs({ items }: { items: readonly AttachmentChip[] | undefined }) {
  const t = useT()
  if (!items || items.length === 0) return null
  return (
    <div className="thumbs" aria-label={t('attach.label')}>
      {items.map((c, i) => (
        <Thumb key={`${c.id}:${i}`} chip={c} />
      ))}
    </div>
  )
}
