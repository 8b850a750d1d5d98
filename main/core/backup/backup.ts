// Back up a data folder into one archive: conversations, settings without secrets, attachments
// (when an `attachments/` folder exists). shared/backup.ts describes the archive.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { createHash } from 'node:crypto'
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupManifest } from '@shared/backup'
import { writeTar, type TarEntry } from './tar'

export const MANIFEST = 'manifest.json'
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

function filesUnder(root: string, rel: string, out: TarEntry[], onFile?: (p: string) => void): void {
  const dir = path.join(root, rel)
  let names: fs.Dirent[]
  try {
    names = fs.readdirSync(dir, { withFileTypes: true })
  } catch {
    return
  }
  for (const d of names.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = `${rel}/${d.name}`
    if (d.isDirectory()) filesUnder(root, p, out, onFile)
    else if (d.isFile()) {
      out.push({ path: p, data: fs.readFileSync(path.join(root, p)) })
      onFile?.(p)
    }
  }
}

export interface BackupResult {
  file: string
  conversations: number
  attachments: number
  settings: boolean
  bytes: number
}

/** Writes the archive to `out` (atomically: a partial archive never takes its name). */
export function createBackup(dataDir: string, out: string, onProgress?: (p: string) => void): BackupResult {
  const entries: TarEntry[] = []
  filesUnder(dataDir, 'conversations', entries, onProgress)
  const conversations = entries.filter((e) => e.path.endsWith('.jsonl')).length
  let settings = false
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8'))
    entries.push({ path: 'settings.json', data: Buffer.from(JSON.stringify(withoutSecrets(raw), null, 1)) })
    settings = true
  } catch {
    // No settings file (or an unreadable one): nothing to keep.
  }
  const before = entries.length
  filesUnder(dataDir, 'attachments', entries, onProgress)
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    files: entries.map((e) => ({ path: e.path, size: e.data.length, sha256: sha256(e.data) })),
  }
  const tar = writeTar([{ path: MANIFEST, data: Buffer.from(JSON.stringify(manifest, null, 1)) }, ...entries])
  const gz = zlib.gzipSync(tar)
  const tmp = `${out}.partial`
  fs.writeFileSync(tmp, gz, { mode: 0o600 })
  fs.renameSync(tmp, out)
  return { file: out, conversations, attachments: entries.length - before, settings, bytes: gz.length }
}
