// Turning attachments into conversation items: the user message recorded in history (parts refer
// to stored bytes by `attachment:<hash>`), the check that the model can take them, and the
// request-time expansion of references into data URLs (or inlined text where files are refused).
import { createHash } from 'node:crypto'
import {
  MAX_TURN_ATTACHMENT_BYTES,
  attachmentRef,
  refId,
  type AttachmentInfo,
  type TurnAttachment,
} from '@shared/attachments'
import type { ContentPart, MessageItem, ResponseItem } from '@shared/wire/items'
import { AttachmentError, mb, type AttachmentStore } from './store'

export { refusalReason } from '@shared/attachment-policy'

/** Resolve the op's attachments against the store; refuses unknown ids and an oversized turn. */
export async function resolveAttachments(
  store: AttachmentStore,
  list: readonly TurnAttachment[],
): Promise<AttachmentInfo[]> {
  const infos: AttachmentInfo[] = []
  for (const a of list) {
    infos.push(await store.info(a.id, a.name))
    // Sent now: fresh for the sweep of never-sent uploads, which may be reading meanwhile.
    store.touch(a.id)
  }
  const total = infos.reduce((n, i) => n + i.bytes, 0)
  if (total > MAX_TURN_ATTACHMENT_BYTES)
    throw new AttachmentError(
      `The attachments weigh ${mb(total)}; one message may carry at most ${mb(MAX_TURN_ATTACHMENT_BYTES)}.`,
    )
  return infos
}

/** The user message as recorded: text first (none when the message is only attachments), then one reference part per attachment. */
export function userMessageWithAttachments(text: string, infos: readonly AttachmentInfo[]): MessageItem {
  const content: ContentPart[] = text.trim() ? [{ type: 'input_text', text }] : []
  for (const i of infos) {
    if (i.kind === 'image')
      content.push({ type: 'input_image', image_url: attachmentRef(i.id), detail: 'auto' })
    else content.push({ type: 'input_file', filename: i.name, file_data: attachmentRef(i.id) })
  }
  return { type: 'message', role: 'user', content }
}

/** A stored user message's attachments as a turn sends them (an edit, a regeneration, a retry). */
export function turnAttachmentsOf(item: MessageItem): TurnAttachment[] {
  const out: TurnAttachment[] = []
  for (const p of item.content) {
    const ref = p.type === 'input_image' ? p.image_url : p.type === 'input_file' ? p.file_data : null
    const id = ref ? refId(ref) : null
    if (id) out.push({ id, name: (p.type === 'input_file' && p.filename) || 'image' })
  }
  return out
}

/** Every attachment id an item refers to. */
export function attachmentIds(item: ResponseItem): string[] {
  if (item.type !== 'message') return []
  const out: string[] = []
  for (const p of item.content) {
    const id =
      p.type === 'input_image' ? refId(p.image_url) : p.type === 'input_file' ? refId(p.file_data) : null
    if (id) out.push(id)
  }
  return out
}

function dataUrl(mime: string, bytes: Uint8Array): string {
  return `data:${mime};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`
}

/**
 * Expand references into what the service takes: `input_image` with a data URL, `input_file` with
 * `file_data` + `filename`, or (where the provider takes no files) a text file inlined with its name.
 * Items without references are returned as they are (no copy).
 */
export function hydrate(
  items: readonly ResponseItem[],
  store: AttachmentStore,
  providerTakesFiles: boolean,
  mimeOf: (bytes: Uint8Array) => string | null,
): ResponseItem[] {
  return items.map((item) => {
    if (item.type !== 'message' || attachmentIds(item).length === 0) return item
    const content = item.content.map((p): ContentPart => {
      if (p.type === 'input_image') {
        const id = refId(p.image_url)
        if (!id) return p
        const bytes = store.read(id)
        return {
          type: 'input_image',
          image_url: dataUrl(mimeOf(bytes) ?? 'image/png', bytes),
          detail: p.detail ?? 'auto',
        }
      }
      if (p.type === 'input_file') {
        const id = refId(p.file_data)
        if (!id) return p
        const bytes = store.read(id)
        const mime = mimeOf(bytes) ?? 'application/octet-stream'
        const filename = p.filename ?? 'file'
        if (!providerTakesFiles && mime === 'text/plain')
          return {
            type: 'input_text',
            text: `Attached file ${filename}:\n\n${Buffer.from(bytes).toString('utf8')}`,
          }
        return { type: 'input_file', filename, file_data: dataUrl(mime, bytes) }
      }
      return p
    })
    return { ...item, content }
  })
}

/**
 * The reverse of `hydrate` for what the service echoes back (a remote compaction's user messages):
 * inline bytes that are a stored attachment become its reference again, so the JSONL never holds
 * them. Bytes we do not have stay as they are.
 */
export function dehydrate(items: readonly ResponseItem[], store: AttachmentStore): ResponseItem[] {
  const known = (url: string | undefined): string | null => {
    const m = url ? /^data:[^;,]+;base64,(.*)$/s.exec(url) : null
    if (!m) return null
    const id = createHash('sha256').update(Buffer.from(m[1]!, 'base64')).digest('hex')
    return store.has(id) ? attachmentRef(id) : null
  }
  return items.map((item) => {
    if (item.type !== 'message') return item
    const content = item.content.map((p): ContentPart => {
      if (p.type === 'input_image') {
        const ref = known(p.image_url)
        return ref ? { ...p, image_url: ref } : p
      }
      if (p.type === 'input_file') {
        const ref = known(p.file_data)
        return ref ? { ...p, file_data: ref } : p
      }
      return p
    })
    return { ...item, content }
  })
}
