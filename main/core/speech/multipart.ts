// multipart/form-data bodies (RFC 7578) for `/audio/transcriptions`: text fields and one file.
import { randomBytes } from 'node:crypto'

export interface FilePart {
  name: string
  filename: string
  contentType: string
  data: Uint8Array
}

export function multipartBody(
  fields: Record<string, string>,
  file: FilePart,
): { body: Buffer; contentType: string } {
  const boundary = `----assistant-${randomBytes(12).toString('hex')}`
  const parts: Buffer[] = []
  const quote = (s: string) => s.replace(/["\r\n\\]/g, '_')
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
      ),
    )
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.name)}"; filename="${quote(file.filename)}"\r\n` +
        `Content-Type: ${file.contentType}\r\n\r\n`,
    ),
    Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  )
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}
