// A minimal ustar format for backup archives (regular files only), gzip'd by the caller. Node has
// no tar built in; what a backup needs is small enough to own, and reading is strict: a bad
// checksum, an unknown entry type or a truncated file is an error, not a guess (tar-stream.ts reads).
export interface TarEntry {
  path: string
  data: Buffer
}

export const BLOCK = 512

function splitName(p: string): { name: string; prefix: string } {
  if (Buffer.byteLength(p) <= 100) return { name: p, prefix: '' }
  const cut = p.lastIndexOf('/', 155)
  const prefix = cut > 0 ? p.slice(0, cut) : ''
  const name = cut > 0 ? p.slice(cut + 1) : p
  if (Buffer.byteLength(prefix) > 155 || Buffer.byteLength(name) > 100)
    throw new Error(`path too long for the archive: ${p}`)
  return { name, prefix }
}

export function tarHeader(path: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK)
  const { name, prefix } = splitName(path)
  h.write(name, 0, 100, 'utf8')
  h.write('0000600\0', 100, 'ascii')
  h.write('0000000\0', 108, 'ascii')
  h.write('0000000\0', 116, 'ascii')
  h.write(size.toString(8).padStart(11, '0') + '\0', 124, 'ascii')
  h.write(
    Math.floor(mtime / 1000)
      .toString(8)
      .padStart(11, '0') + '\0',
    136,
    'ascii',
  )
  h.write('        ', 148, 'ascii')
  h.write('0', 156, 'ascii')
  h.write('ustar\0', 257, 'ascii')
  h.write('00', 263, 'ascii')
  h.write(prefix, 345, 155, 'utf8')
  let sum = 0
  for (const b of h) sum += b
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii')
  return h
}

export function writeTar(entries: TarEntry[], mtime = Date.now()): Buffer {
  const parts: Buffer[] = []
  for (const e of entries) {
    parts.push(tarHeader(e.path, e.data.length, mtime), e.data)
    parts.push(tarPadding(e.data.length))
  }
  parts.push(Buffer.alloc(BLOCK * 2))
  return Buffer.concat(parts)
}

const str = (b: Buffer, at: number, len: number) => {
  const s = b.subarray(at, at + len)
  const end = s.indexOf(0)
  return s.subarray(0, end < 0 ? len : end).toString('utf8')
}

/** Zeros that fill an entry's data up to a whole block. */
export const tarPadding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK)

/** One header block: the entry's path and size, or null for the zero block that ends an archive. */
export function parseTarHeader(h: Buffer): { path: string; size: number } | null {
  if (h.every((b) => b === 0)) return null
  const stored = parseInt(str(h, 148, 8).trim(), 8)
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!
  if (stored !== sum) throw new Error('the archive is damaged (a header checksum does not match)')
  const type = str(h, 156, 1)
  if (type !== '0' && type !== '') throw new Error('the archive holds an entry that is not a regular file')
  const size = parseInt(str(h, 124, 12).trim(), 8)
  if (!Number.isFinite(size) || size < 0) throw new Error('the archive is damaged (a size is unreadable)')
  const prefix = str(h, 345, 155)
  const name = str(h, 0, 100)
  return { path: prefix ? `${prefix}/${name}` : name, size }
}
