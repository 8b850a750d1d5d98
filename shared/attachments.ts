// Attachments (issue 14): images and files sent with a turn. The bytes live in the data folder,
// content-addressed; ops, history records and the page refer to them by hash only.
import { z } from 'zod'

/** What one file may weigh as picked, pasted or dropped (before any downscaling). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
/** What the attachments of one turn may weigh together, as stored (after downscaling). */
export const MAX_TURN_ATTACHMENT_BYTES = 50 * 1024 * 1024
export const MAX_ATTACHMENTS_PER_TURN = 10
/** Images are downscaled to fit this on their long side (as codex does). */
export const MAX_IMAGE_SIDE = 2048
/** One sentence the UI shows next to the attach button. */
export const ATTACHMENT_LIMITS_TEXT = `Up to ${MAX_ATTACHMENTS_PER_TURN} files per message, ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB each, ${MAX_TURN_ATTACHMENT_BYTES / 1024 / 1024} MB in all. Images: PNG, JPEG, WebP, GIF. Files: PDF and text.`

/** How history items refer to stored bytes: `attachment:<sha256 hex>`; never sent on the wire. */
export const ATTACHMENT_REF_PREFIX = 'attachment:'
export const AttachmentId = z.string().regex(/^[0-9a-f]{64}$/, 'not an attachment id')

export const AttachmentMime = z.enum([
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/pdf',
  'text/plain',
])
export type AttachmentMime = z.infer<typeof AttachmentMime>
export const AttachmentKind = z.enum(['image', 'file'])
export type AttachmentKind = z.infer<typeof AttachmentKind>

export function kindOf(mime: AttachmentMime): AttachmentKind {
  return mime.startsWith('image/') ? 'image' : 'file'
}

/** A stored attachment as the page and ops see it. */
export const AttachmentInfo = z.strictObject({
  id: AttachmentId,
  kind: AttachmentKind,
  mime: AttachmentMime,
  /** Shown to the user and sent as `filename` for files; images keep it for display only. */
  name: z.string().min(1).max(255),
  bytes: z.number().int().nonnegative(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
})
export type AttachmentInfo = z.infer<typeof AttachmentInfo>

/** On an op: which stored attachments go with the turn. */
export const TurnAttachment = z.strictObject({
  id: AttachmentId,
  name: z.string().min(1).max(255),
})
export type TurnAttachment = z.infer<typeof TurnAttachment>
export const TurnAttachments = z.array(TurnAttachment).max(MAX_ATTACHMENTS_PER_TURN)

/** Raw bytes of one file on the bridge (a top-level binary field of a query input). */
export const AttachmentBytes = z
  .instanceof(Uint8Array)
  .refine(
    (b) => b.byteLength <= MAX_ATTACHMENT_BYTES,
    `a file may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
  )

export function attachmentRef(id: string): string {
  return ATTACHMENT_REF_PREFIX + id
}

/** The id inside an `attachment:<hash>` reference, or null for anything else. */
export function refId(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith(ATTACHMENT_REF_PREFIX)) return null
  const id = value.slice(ATTACHMENT_REF_PREFIX.length)
  return AttachmentId.safeParse(id).success ? id : null
}
