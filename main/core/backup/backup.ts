// Back up a data folder into one archive: conversations, settings without secrets, attachments
// (when an `attachments/` folder exists). shared/backup.ts describes the archive. The archive is
// streamed (a file at a time through gzip to disk), so a data folder of any size backs up in
// little memory and the host's event loop keeps turning; `onProgress` reports bytes.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { createHash } from 'node:crypto'
import { pipeline } from 'node:stream/promises'
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupManifest, type BackupProgress } from '@shared/backup'
import { tarHeader, tarPadding, BLOCK } from './tar'
import { CONVERSATION, SETTINGS, isAttachmentPath } from './archive-paths'
import { removeStale } from './stale'

export const MANIFEST = 'manifest.json'
/** Read and compress in 256 KB pieces: fewer round trips than the 64 KB / 16 KB defaults, still little memory. */
const CHUNK = 256 * 1024
/** Keys whose values could be credentials: dropped from settings wherever they appear. */
const SECRET_KEY = /(api[_-]?key|token|secret|password|passphrase|authorization|cookie|bearer)/i

export function withoutSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutSecrets)
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([k]) => !SECRET_KEY.test(k))
        .map(([k, x]) => [k, withoutSecrets(x)]),
    )
  return v
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

export type OnProgress = (p: Omit<BackupProgress, 'task'>) => void

interface FileEntry {
  path: string
  size: number
  sha256: string
}

/** Files under `rel` that a restore accepts, sorted; other files (temp files, …) are left out. */
function filesUnder(root: string, rel: string, out: string[]): void {
  let names: fs.Dirent[]
  try {
    names = fs.readdirSync(path.join(root, rel), { withFileTypes: true })
  } catch {
    return
  }
  for (const d of names.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = `${rel}/${d.name}`
    if (d.isDirectory()) filesUnder(root, p, out)
    else if (d.isFile() && (CONVERSATION.test(p) || isAttachmentPath(p))) out.push(p)
  }
}

/** A listed file's size; -1 when it went meanwhile (it is then left out). */
function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size
  } catch {
    return -1
  }
}

/** The first `size` bytes of a file, in chunks (a conversation may grow meanwhile: it is append-only). */
async function* bytesOf(file: string, size: number): AsyncGenerator<Buffer> {
  if (size === 0) return
  for await (const chunk of fs.createReadStream(file, { start: 0, end: size - 1, highWaterMark: CHUNK }))
    yield chunk as Buffer
}

export interface BackupResult {
  file: string
  conversations: number
  attachments: number
  settings: boolean
  bytes: number
}

/**
 * Writes the archive to `out` (atomically: a partial archive never takes its name). Two passes:
 * the manifest (first in the archive) needs every checksum, then the files are streamed and
 * checked again — a file that changed in between (other than by growing) fails the backup.
 */
export async function createBackup(
  dataDir: string,
  out: string,
  onProgress?: OnProgress,
): Promise<BackupResult> {
  const names: string[] = []
  filesUnder(dataDir, 'conversations', names)
  const conversations = names.length
  filesUnder(dataDir, 'attachments', names)
  let settings: Buffer | null = null
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(dataDir, SETTINGS), 'utf8'))
    settings = Buffer.from(JSON.stringify(withoutSecrets(raw), null, 1))
  } catch {
    // No settings file (or an unreadable one): nothing to keep.
  }
  removeStale(path.dirname(out))
  const sizes = names.map((p) => sizeOf(path.join(dataDir, p)))
  const total = sizes.reduce((a, b) => a + Math.max(0, b), 0)
  let done = 0
  const files: FileEntry[] = []
  let conversationsKept = 0
  for (const [i, p] of names.entries()) {
    if (sizes[i]! < 0) continue
    const h = createHash('sha256')
    try {
      for await (const c of bytesOf(path.join(dataDir, p), sizes[i]!)) {
        h.update(c)
        onProgress?.({ phase: 'reading', done: (done += c.length), total })
      }
    } catch (e) {
      // Deleted since it was listed (a conversation's undo ran out, the sweep): not backed up.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw e
    }
    if (i < conversations) conversationsKept++
    files.push({ path: p, size: sizes[i]!, sha256: h.digest('hex') })
  }
  // Settings sit between conversations and attachments, as in earlier archives.
  if (settings)
    files.splice(conversationsKept, 0, { path: SETTINGS, size: settings.length, sha256: sha256(settings) })
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    files,
  }
  const mtime = Date.now()
  const entry = function* (p: string, data: Buffer) {
    yield tarHeader(p, data.length, mtime)
    yield data
    yield tarPadding(data.length)
  }
  done = 0
  async function* archive(): AsyncGenerator<Buffer> {
    yield* entry(MANIFEST, Buffer.from(JSON.stringify(manifest, null, 1)))
    for (const f of files) {
      if (f.path === SETTINGS) {
        yield* entry(SETTINGS, settings!)
        continue
      }
      yield tarHeader(f.path, f.size, mtime)
      const h = createHash('sha256')
      const changed = () =>
        new Error(`${f.path} changed while it was being backed up; nothing was written. Try again.`)
      try {
        for await (const c of bytesOf(path.join(dataDir, f.path), f.size)) {
          h.update(c)
          yield c
          onProgress?.({ phase: 'writing', done: (done += c.length), total })
        }
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw changed()
        throw e
      }
      if (h.digest('hex') !== f.sha256) throw changed()
      yield tarPadding(f.size)
    }
    yield Buffer.alloc(BLOCK * 2)
  }
  const tmp = `${out}.partial`
  try {
    await pipeline(archive, zlib.createGzip({ chunkSize: CHUNK }), fs.createWriteStream(tmp, { mode: 0o600 }))
    fs.renameSync(tmp, out)
  } catch (e) {
    fs.rmSync(tmp, { force: true })
    throw e
  }
  return {
    file: out,
    conversations: conversationsKept,
    attachments: files.length - conversationsKept - (settings ? 1 : 0),
    settings: settings !== null,
    bytes: fs.statSync(out).size,
  }
}
