// The type of a file, decided by its first bytes (magic numbers), never by its name.
import type { AttachmentMime } from '@shared/attachments'

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  if (b.byteLength < at + sig.length) return false
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false
  return true
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))

/** A binary type we accept, by signature; null when none matches. */
export function sniffBinary(b: Uint8Array): AttachmentMime | null {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'image/webp'
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return 'image/gif'
  if (startsWith(b, ascii('%PDF-'))) return 'application/pdf'
  return null
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Text: valid UTF-8 (a BOM is fine) without NUL bytes or other binary control characters at its start. */
export function isText(b: Uint8Array): boolean {
  const head = Math.min(b.byteLength, 64 * 1024)
  for (let i = 0; i < head; i++) {
    const c = b[i]!
    if (c === 0 || (c < 0x09 && c !== 0) || (c > 0x0d && c < 0x20 && c !== 0x1b)) return false
  }
  try {
    utf8.decode(b)
    return true
  } catch {
    return false
  }
}

export function sniff(b: Uint8Array): AttachmentMime | null {
  return sniffBinary(b) ?? (b.byteLength > 0 && isText(b) ? 'text/plain' : null)
}
