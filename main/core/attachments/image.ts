// Images are downscaled to fit MAX_IMAGE_SIDE on the long side, keeping the aspect ratio, and
// re-encoded only when that was needed (as codex does). sharp ships prebuilt libvips in its
// @img/* packages (nothing is downloaded or compiled at install); it runs in plain Node, so the
// CLI and the browser host share this with the app.
import sharp from 'sharp'
import { MAX_IMAGE_SIDE, type AttachmentMime } from '@shared/attachments'

export interface PreparedImage {
  bytes: Uint8Array
  mime: AttachmentMime
  width: number
  height: number
  resized: boolean
}

export class ImageError extends Error {}

export async function prepareImage(input: Uint8Array, mime: AttachmentMime): Promise<PreparedImage> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>
  try {
    meta = await sharp(input, { animated: false }).metadata()
  } catch (e) {
    throw new ImageError(`the image could not be read (${(e as Error).message})`)
  }
  const width = meta.width ?? 0
  const height = meta.height ?? 0
  if (!width || !height) throw new ImageError('the image has no size')
  if (Math.max(width, height) <= MAX_IMAGE_SIDE) return { bytes: input, mime, width, height, resized: false }
  const pipeline = sharp(input, { animated: false })
    .rotate() // apply EXIF orientation before measuring the long side
    .resize(MAX_IMAGE_SIDE, MAX_IMAGE_SIDE, { fit: 'inside', withoutEnlargement: true })
  // JPEG and WebP stay lossy; PNG stays PNG; a GIF (first frame) becomes a PNG.
  const out =
    mime === 'image/jpeg'
      ? { p: pipeline.jpeg({ quality: 85 }), mime: 'image/jpeg' as const }
      : mime === 'image/webp'
        ? { p: pipeline.webp({ quality: 85 }), mime: 'image/webp' as const }
        : { p: pipeline.png(), mime: 'image/png' as const }
  const { data, info } = await out.p.toBuffer({ resolveWithObject: true })
  return {
    bytes: new Uint8Array(data),
    mime: out.mime,
    width: info.width,
    height: info.height,
    resized: true,
  }
}

/** A small preview for the page (thumbnails in the composer and the transcript). */
export async function thumbnail(input: Uint8Array, side = 320): Promise<Uint8Array<ArrayBuffer>> {
  const data = await sharp(input, { animated: false })
    .rotate()
    .resize(side, side, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer()
  return new Uint8Array(data)
}

export async function imageSize(input: Uint8Array): Promise<{ width: number; height: number } | null> {
  try {
    const m = await sharp(input, { animated: false }).metadata()
    return m.width && m.height ? { width: m.width, height: m.height } : null
  } catch {
    return null
  }
}
