// Restore a backup into a data folder, merging by id. Everything is checked first (gzip, tar,
// manifest, every checksum, every path), so a corrupt archive is refused and changes nothing.
// Conversations are append-only files: a copy that extends the other is the newer one, so a
// local file is replaced only by an archived copy that starts with all of it.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { BackupManifest, BACKUP_VERSION, type RestoreSummary } from '@shared/backup'
import { readTar, type TarEntry } from './tar'
import { MANIFEST, sha256, withoutSecrets } from './backup'

const CONVERSATION = /^conversations\/[0-9a-f-]{36}\.jsonl$/i
/** Checked segment by segment (no `..`, no empty part) rather than with one nested regex. */
const isAttachment = (p: string) => {
  const parts = p.split('/')
  return (
    parts.length >= 2 &&
    parts[0] === 'attachments' &&
    parts.slice(1).every((x) => /^[\w.-]+$/.test(x) && x !== '..' && x !== '.')
  )
}

/** Reads and checks the whole archive; throws a message a person can act on. */
export function readBackup(file: string): TarEntry[] {
  let entries: TarEntry[]
  try {
    entries = readTar(zlib.gunzipSync(fs.readFileSync(file)))
  } catch (e) {
    const why =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (e as Error).message
    throw new Error(`not a usable backup (${why}); nothing was changed`, { cause: e })
  }
  const [first, ...rest] = entries
  if (first?.path !== MANIFEST) throw new Error('not a backup of this app (no manifest); nothing was changed')
  let raw: unknown
  try {
    raw = JSON.parse(first.data.toString('utf8'))
  } catch {
    throw new Error('the backup manifest is damaged; nothing was changed')
  }
  const v = (raw as { version?: unknown }).version
  if (typeof v === 'number' && v > BACKUP_VERSION)
    throw new Error(
      `this backup is version ${v}; this app reads version ${BACKUP_VERSION}. Nothing was changed.`,
    )
  const m = BackupManifest.safeParse(raw)
  if (!m.success) throw new Error('not a backup of this app (unknown manifest); nothing was changed')
  if (m.data.files.length !== rest.length) throw new Error('the backup is incomplete; nothing was changed')
  m.data.files.forEach((f, i) => {
    const e = rest[i]!
    if (e.path !== f.path || e.data.length !== f.size || sha256(e.data) !== f.sha256)
      throw new Error(`the backup is damaged (${f.path} does not match its checksum); nothing was changed`)
    if (!CONVERSATION.test(e.path) && !isAttachment(e.path) && e.path !== 'settings.json')
      throw new Error(`the backup holds an unexpected file (${e.path}); nothing was changed`)
    if (e.path === 'settings.json') {
      try {
        JSON.parse(e.data.toString('utf8'))
      } catch {
        throw new Error('the settings in the backup are damaged; nothing was changed')
      }
    }
  })
  return rest
}

function writeAtomic(file: string, data: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  const tmp = `${file}.restoring`
  fs.writeFileSync(tmp, data, { mode: 0o600 })
  fs.renameSync(tmp, file)
}

/** Restores into `dataDir` (empty or not). Conversations must not be open in a running engine. */
export function restoreBackup(
  file: string,
  dataDir: string,
  onProgress?: (p: string) => void,
): RestoreSummary {
  const entries = readBackup(file)
  const summary: RestoreSummary = {
    conversations: { added: 0, updated: 0, kept: 0 },
    settings: 'absent',
    attachments: { added: 0, kept: 0 },
  }
  for (const e of entries) {
    onProgress?.(e.path)
    const target = path.join(dataDir, ...e.path.split('/'))
    const local = fs.existsSync(target) ? fs.readFileSync(target) : null
    if (CONVERSATION.test(e.path)) {
      if (local === null) {
        writeAtomic(target, e.data)
        summary.conversations.added++
      } else if (e.data.length > local.length && e.data.subarray(0, local.length).equals(local)) {
        writeAtomic(target, e.data)
        summary.conversations.updated++
      } else summary.conversations.kept++
    } else if (e.path === 'settings.json') {
      if (local !== null) summary.settings = 'kept'
      else {
        // Filtered again: an archive from elsewhere must not plant a credential either.
        const clean = withoutSecrets(JSON.parse(e.data.toString('utf8')))
        writeAtomic(target, Buffer.from(JSON.stringify(clean, null, 1)))
        summary.settings = 'restored'
      }
    } else if (local === null) {
      writeAtomic(target, e.data)
      summary.attachments.added++
    } else summary.attachments.kept++
  }
  return summary
}
