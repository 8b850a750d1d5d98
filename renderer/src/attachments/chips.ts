// Attachments as the transcript shows them: read from a user message's parts (which refer to
// stored bytes by hash). Pure, so rows stay cheap: nothing is loaded until a thumbnail is shown.
import { refId } from '@shared/attachments'
import type { MessageItem } from '@shared/wire/items'

export interface AttachmentChip {
  id: string
  kind: 'image' | 'file'
  name: string
}

export function attachmentsOf(item: MessageItem): AttachmentChip[] | undefined {
  let out: AttachmentChip[] | undefined
  for (const p of item.content) {
    if (p.type === 'input_image') {
      const id = refId(p.image_url)
      if (id) (out ??= []).push({ id, kind: 'image', name: 'Image' })
    } else if (p.type === 'input_file') {
      const id = refId(p.file_data)
      if (id) (out ??= []).push({ id, kind: 'file', name: p.filename ?? 'File' })
    }
  }
  return out
}

/** Bytes to a data URL (the CSP allows `data:` images; nothing is fetched). */
export function bytesToDataUrl(mime: string, bytes: Uint8Array): string {
  let bin = ''
  const CHUNK = 0x8000
  for (let i = 0; i < bytes.length; i += CHUNK)
    bin += String.fromCharCode(...bytes.subarray(i, Math.min(i + CHUNK, bytes.length)))
  return `data:${mime};base64,${btoa(bin)}`
}
