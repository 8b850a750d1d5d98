// Which paths an archive may hold: the backup writes only these, the restore accepts only these.
export const CONVERSATION = /^conversations\/[0-9a-f-]{36}\.jsonl$/i
export const SETTINGS = 'settings.json'

/** `attachments/…`, checked segment by segment (no `..`, no empty part) rather than with one nested regex. */
export function isAttachmentPath(p: string): boolean {
  const parts = p.split('/')
  return (
    parts.length >= 2 &&
    parts[0] === 'attachments' &&
    parts.slice(1).every((x) => /^[\w.-]+$/.test(x) && x !== '..' && x !== '.')
  )
}

export const isArchivable = (p: string) => CONVERSATION.test(p) || isAttachmentPath(p) || p === SETTINGS
