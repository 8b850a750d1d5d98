// Content-addressed attachment storage: `<dataDir>/attachments/<sha256>` holds the bytes as sent
// (images already downscaled). History items refer to them as `attachment:<sha256>`, so the JSONL
// stays small and two conversations sending the same picture share one file.
import fs from 'node:fs'
import path from 'node:path'
import { createHash, randomUUID } from 'node:crypto'
import {
  AttachmentId,
  MAX_ATTACHMENT_BYTES,
  kindOf,
  type AttachmentInfo,
  type AttachmentMime,
} from '@shared/attachments'
import { sniff } from './sniff'
import { ImageError, imageSize, prepareImage, thumbnail } from './image'

/** A refusal the user should read as is (bad type, too large, unreadable image). */
export class AttachmentError extends Error {}

export class AttachmentStore {
  readonly dir: string
  private readonly thumbs: string

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'attachments')
    this.thumbs = path.join(this.dir, 'thumbs')
  }

  private file(id: string): string {
    if (!AttachmentId.safeParse(id).success) throw new AttachmentError(`invalid attachment id: ${id}`)
    return path.join(this.dir, id)
  }

  /** Check, downscale if needed, hash and store one file. */
  async put(name: string, input: Uint8Array): Promise<AttachmentInfo> {
    if (input.byteLength === 0) throw new AttachmentError(`${name} is empty.`)
    if (input.byteLength > MAX_ATTACHMENT_BYTES)
      throw new AttachmentError(
        `${name} is ${mb(input.byteLength)}; a file may be at most ${mb(MAX_ATTACHMENT_BYTES)}.`,
      )
    const sniffed = sniff(input)
    if (!sniffed)
      throw new AttachmentError(
        `${name} is not a supported kind of file (PNG, JPEG, WebP, GIF, PDF or UTF-8 text), judging by its content.`,
      )
    let bytes = input
    let mime: AttachmentMime = sniffed
    let size: { width: number; height: number } | undefined
    if (kindOf(mime) === 'image') {
      try {
        const prepared = await prepareImage(input, mime)
        ;({ bytes, mime } = prepared)
        size = { width: prepared.width, height: prepared.height }
      } catch (e) {
        if (e instanceof ImageError) throw new AttachmentError(`${name}: ${e.message}`)
        throw e
      }
    }
    const id = createHash('sha256').update(bytes).digest('hex')
    const file = this.file(id)
    if (!fs.existsSync(file)) writeAtomic(this.dir, file, bytes)
    // Uploaded again: fresh, so the sweep of never-sent uploads (sweep.ts) leaves it alone.
    else this.touch(id)
    return {
      id,
      kind: kindOf(mime),
      mime,
      name: name.slice(0, 255) || 'file',
      bytes: bytes.byteLength,
      ...size,
    }
  }

  has(id: string): boolean {
    return fs.existsSync(this.file(id))
  }

  read(id: string): Uint8Array<ArrayBuffer> {
    try {
      return new Uint8Array(fs.readFileSync(this.file(id)))
    } catch {
      throw new AttachmentError(`attachment ${id.slice(0, 12)}… is missing from the data folder`)
    }
  }

  /** What is stored under an id (type by content again: the file name says nothing). */
  async info(id: string, name: string): Promise<AttachmentInfo> {
    const bytes = this.read(id)
    const mime = sniff(bytes)
    if (!mime) throw new AttachmentError(`attachment ${id.slice(0, 12)}… is unreadable`)
    const size = kindOf(mime) === 'image' ? await imageSize(bytes) : null
    return { id, kind: kindOf(mime), mime, name, bytes: bytes.byteLength, ...(size ?? {}) }
  }

  /** A small WebP preview, made once and kept beside the original. */
  async thumbnail(id: string): Promise<Uint8Array<ArrayBuffer>> {
    const cached = path.join(this.thumbs, `${id}.webp`)
    try {
      return new Uint8Array(fs.readFileSync(cached))
    } catch {
      // not made yet
    }
    const bytes = this.read(id)
    const mime = sniff(bytes)
    if (!mime || kindOf(mime) !== 'image') throw new AttachmentError('only images have thumbnails')
    const thumb = await thumbnail(bytes)
    writeAtomic(this.thumbs, cached, thumb)
    return thumb
  }

  /** Marks a stored file as just used (the sweep spares recent files). */
  touch(id: string): void {
    const now = new Date()
    try {
      fs.utimesSync(this.file(id), now, now)
    } catch {
      // Missing: reading it says so.
    }
  }

  remove(id: string): void {
    for (const f of [this.file(id), path.join(this.thumbs, `${id}.webp`)]) fs.rmSync(f, { force: true })
  }
}

function writeAtomic(dir: string, file: string, bytes: Uint8Array): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  const tmp = `${file}.${randomUUID()}.tmp`
  fs.writeFileSync(tmp, bytes, { mode: 0o600 })
  fs.renameSync(tmp, file)
}

export function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 1)} MB`
}
