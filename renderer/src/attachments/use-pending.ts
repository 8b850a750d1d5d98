// The attachments waiting in the composer: picked, pasted or dropped files are read in the page
// (the page only ever sees bytes the user handed it) and stored in main with `attachments.put`,
// which checks their type by content and downscales images. Kept per conversation, like drafts.
import { useCallback, useEffect, useState } from 'react'
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_TURN,
  type AttachmentInfo,
  type TurnAttachment,
} from '@shared/attachments'
import { bridge } from '../bridge'

export interface Pending {
  key: string
  name: string
  info: AttachmentInfo | null
  error: string | null
}

const MB = 1024 * 1024

export function usePendingAttachments(conversationKey: string) {
  const [byKey, setByKey] = useState<Record<string, Pending[]>>({})
  const list = byKey[conversationKey] ?? []

  const patch = useCallback(
    (key: string, f: (l: Pending[]) => Pending[]) => setByKey((m) => ({ ...m, [key]: f(m[key] ?? []) })),
    [],
  )

  const add = useCallback(
    (files: File[], conv = conversationKey) => {
      for (const file of files) {
        const key = crypto.randomUUID()
        const name = file.name || (file.type.startsWith('image/') ? 'Pasted image.png' : 'file')
        patch(conv, (l) => {
          if (l.filter((p) => !p.error).length >= MAX_ATTACHMENTS_PER_TURN)
            return [
              ...l,
              {
                key,
                name,
                info: null,
                error: `${name}: at most ${MAX_ATTACHMENTS_PER_TURN} files per message.`,
              },
            ]
          if (file.size > MAX_ATTACHMENT_BYTES)
            return [
              ...l,
              {
                key,
                name,
                info: null,
                error: `${name} is ${(file.size / MB).toFixed(1)} MB; the limit is ${MAX_ATTACHMENT_BYTES / MB} MB.`,
              },
            ]
          return [...l, { key, name, info: null, error: null }]
        })
        if (file.size > MAX_ATTACHMENT_BYTES) continue
        void file
          .arrayBuffer()
          .then((buf) => bridge.query('attachments.put', { name, data: new Uint8Array(buf) }))
          .then(
            (info) => patch(conv, (l) => l.map((p) => (p.key === key && !p.error ? { ...p, info } : p))),
            (e: Error) => patch(conv, (l) => l.map((p) => (p.key === key ? { ...p, error: e.message } : p))),
          )
      }
    },
    [conversationKey, patch],
  )

  const addInfo = useCallback(
    (info: AttachmentInfo) =>
      patch(conversationKey, (l) => [...l, { key: crypto.randomUUID(), name: info.name, info, error: null }]),
    [conversationKey, patch],
  )
  const remove = useCallback(
    (key: string) => patch(conversationKey, (l) => l.filter((p) => p.key !== key)),
    [conversationKey, patch],
  )
  const clear = useCallback((key = conversationKey) => patch(key, () => []), [conversationKey, patch])
  /** A new chat got its id when sent: its attachments move with it. */
  const move = useCallback(
    (from: string, to: string) => setByKey((m) => ({ ...m, [to]: m[from] ?? [], [from]: [] })),
    [],
  )

  const ready: TurnAttachment[] = list.flatMap((p) => (p.info ? [{ id: p.info.id, name: p.info.name }] : []))
  const busy = list.some((p) => !p.info && !p.error)
  return { list, ready, busy, add, addInfo, remove, clear, move }
}

/** Paste and drop anywhere in the window add files to the composer. */
export function useWindowFileInput(onFiles: (files: File[]) => void, enabled: boolean) {
  const [over, setOver] = useState(false)
  useEffect(() => {
    if (!enabled) return
    const filesOf = (dt: DataTransfer | null) => (dt ? Array.from(dt.files) : [])
    const onPaste = (e: ClipboardEvent) => {
      const files = filesOf(e.clipboardData)
      if (files.length === 0) return
      e.preventDefault()
      onFiles(files)
    }
    const onDragOver = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return
      e.preventDefault()
      setOver(true)
    }
    const onDragLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false)
    }
    const onDrop = (e: DragEvent) => {
      setOver(false)
      const files = filesOf(e.dataTransfer)
      if (files.length === 0) return
      e.preventDefault()
      onFiles(files)
    }
    window.addEventListener('paste', onPaste)
    window.addEventListener('dragover', onDragOver)
    window.addEventListener('dragleave', onDragLeave)
    window.addEventListener('drop', onDrop)
    return () => {
      window.removeEventListener('paste', onPaste)
      window.removeEventListener('dragover', onDragOver)
      window.removeEventListener('dragleave', onDragLeave)
      window.removeEventListener('drop', onDrop)
    }
  }, [onFiles, enabled])
  return over
}
