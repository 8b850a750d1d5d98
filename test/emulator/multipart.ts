// A strict multipart/form-data reader (RFC 7578) for the emulator's `/audio/transcriptions`:
// a boundary in the Content-Type, CRLF delimiters, a name on every part, a closing delimiter.
export interface FormPart {
  name: string
  filename: string | null
  contentType: string | null
  data: Buffer
}

export type FormResult = { ok: true; parts: FormPart[] } | { ok: false; message: string }

export function boundaryOf(contentType: string): string | null {
  const [type, ...params] = contentType.split(';').map((s) => s.trim())
  if (type?.toLowerCase() !== 'multipart/form-data') return null
  for (const p of params) {
    const m = /^boundary=(?:"([^"]+)"|(\S+))$/i.exec(p)
    if (m) return m[1] ?? m[2] ?? null
  }
  return null
}

export function parseMultipart(body: Buffer, boundary: string): FormResult {
  const delimiter = Buffer.from(`--${boundary}`)
  if (body.indexOf(delimiter) !== 0) return { ok: false, message: 'body does not start with the boundary' }
  const parts: FormPart[] = []
  let at = delimiter.length
  for (;;) {
    // After a delimiter: `--` (the end) or CRLF and a part.
    if (body.subarray(at, at + 2).toString() === '--') return { ok: true, parts }
    if (body.subarray(at, at + 2).toString() !== '\r\n')
      return { ok: false, message: 'malformed boundary line' }
    at += 2
    const headerEnd = body.indexOf('\r\n\r\n', at)
    if (headerEnd < 0) return { ok: false, message: 'part without a header end' }
    const headers = body.subarray(at, headerEnd).toString('utf8').split('\r\n')
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4)
    if (next < 0) return { ok: false, message: 'missing closing boundary' }
    let name: string | null = null
    let filename: string | null = null
    let contentType: string | null = null
    for (const h of headers) {
      const [k, ...rest] = h.split(':')
      const v = rest.join(':').trim()
      if (k?.toLowerCase() === 'content-disposition') {
        if (!/^form-data\b/i.test(v)) return { ok: false, message: 'part is not form-data' }
        name = /\bname="([^"]*)"/.exec(v)?.[1] ?? null
        filename = /\bfilename="([^"]*)"/.exec(v)?.[1] ?? null
      } else if (k?.toLowerCase() === 'content-type') contentType = v
    }
    if (!name) return { ok: false, message: 'part without a name' }
    parts.push({ name, filename, contentType, data: body.subarray(headerEnd + 4, next) })
    at = next + 2 + delimiter.length
  }
}
