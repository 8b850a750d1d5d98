// Restore a backup into a data folder, merging by id. Everything is checked first (gzip, tar,
// manifest, every checksum, every path) while the archive streams into a staging folder inside
// the data folder, so a corrupt archive is refused and changes nothing. Then the staged files are
// moved into place in one synchronous step. Conversations are append-only files: a copy that
// extends the other is the newer one, so a local file is replaced only by an archived copy that
// starts with all of it.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { createHash, randomUUID } from 'node:crypto'
import { BackupManifest, BACKUP_VERSION, type RestoreSummary } from '@shared/backup'
import { TarStreamReader, type EntrySink } from './tar-stream'
import { MANIFEST, withoutSecrets, type OnProgress } from './backup'
import { CONVERSATION, SETTINGS, isArchivable } from './archive-paths'

/** The manifest and the settings are read into memory; nothing else is. */
const MAX_IN_MEMORY = 64 * 1024 * 1024

/** A checked archive staged on disk: the manifest's files, in order, as `<staging>/<index>`. */
export interface StagedBackup {
  staging: string
  files: BackupManifest['files']
}

const nothingChanged = (why: string) => `${why}; nothing was changed`

function manifestOf(data: Buffer): BackupManifest {
  let raw: unknown
  try {
    raw = JSON.parse(data.toString('utf8'))
  } catch {
    throw new Error(nothingChanged('the backup manifest is damaged'))
  }
  const v = (raw as { version?: unknown }).version
  if (typeof v === 'number' && v > BACKUP_VERSION)
    throw new Error(
      `this backup is version ${v}; this app reads version ${BACKUP_VERSION}. Nothing was changed.`,
    )
  const m = BackupManifest.safeParse(raw)
  if (!m.success) throw new Error(nothingChanged('not a backup of this app (unknown manifest)'))
  for (const f of m.data.files)
    if (!isArchivable(f.path))
      throw new Error(nothingChanged(`the backup holds an unexpected file (${f.path})`))
  return m.data
}

/** A sink that keeps the bytes in memory (the manifest), up to a limit. */
function memorySink(what: string, done: (data: Buffer) => void): EntrySink {
  const parts: Buffer[] = []
  let size = 0
  return {
    data: (c) => {
      if ((size += c.length) > MAX_IN_MEMORY)
        throw new Error(nothingChanged(`the backup's ${what} is too large`))
      parts.push(Buffer.from(c))
    },
    end: () => done(Buffer.concat(parts)),
  }
}

/** A sink that writes to a staging file and checks the bytes against the manifest at the end. */
function stagedSink(file: string, f: BackupManifest['files'][number]): EntrySink {
  const fd = fs.openSync(file, 'wx', 0o600)
  const h = createHash('sha256')
  return {
    data: (c) => {
      h.update(c)
      fs.writeSync(fd, c)
    },
    end: () => {
      fs.closeSync(fd)
      if (h.digest('hex') !== f.sha256)
        throw new Error(nothingChanged(`the backup is damaged (${f.path} does not match its checksum)`))
    },
  }
}

/** Streams the archive into `staging`, checking everything; throws a message a person can act on. */
export async function stageBackup(
  file: string,
  staging: string,
  onProgress?: OnProgress,
): Promise<StagedBackup> {
  let manifest: BackupManifest | null = null
  let index = -1
  const reader = new TarStreamReader((p, size) => {
    index++
    if (index === 0) {
      if (p !== MANIFEST) throw new Error(nothingChanged('not a backup of this app (no manifest)'))
      return memorySink('manifest', (data) => (manifest = manifestOf(data)))
    }
    const f = manifest!.files[index - 1]
    if (!f) throw new Error(nothingChanged('the backup holds more files than its manifest lists'))
    if (f.path !== p || f.size !== size)
      throw new Error(nothingChanged(`the backup is damaged (${f.path} does not match its checksum)`))
    return stagedSink(path.join(staging, String(index - 1)), f)
  })
  fs.mkdirSync(staging, { recursive: true, mode: 0o700 })
  let total = 0
  try {
    total = fs.statSync(file).size
    const src = fs.createReadStream(file)
    const gunzip = zlib.createGunzip()
    let read = 0
    src.on('data', (c) => onProgress?.({ phase: 'checking', done: (read += c.length), total }))
    src.on('error', (e) => gunzip.destroy(e))
    src.pipe(gunzip)
    for await (const chunk of gunzip) reader.feed(chunk as Buffer)
    reader.finish()
  } catch (e) {
    if ((e as Error).message.includes('nothing was changed')) throw e
    const why =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (e as Error).message
    throw new Error(nothingChanged(`not a usable backup (${why})`), { cause: e })
  }
  const m = manifest as BackupManifest | null
  if (!m) throw new Error(nothingChanged('not a backup of this app (no manifest)'))
  if (index !== m.files.length) throw new Error(nothingChanged('the backup is incomplete'))
  const settingsAt = m.files.findIndex((f) => f.path === SETTINGS)
  if (settingsAt >= 0) {
    const s = path.join(staging, String(settingsAt))
    try {
      if (fs.statSync(s).size > MAX_IN_MEMORY) throw new Error('too large')
      JSON.parse(fs.readFileSync(s, 'utf8'))
    } catch {
      throw new Error(nothingChanged('the settings in the backup are damaged'))
    }
  }
  return { staging, files: m.files }
}

/** Moves the staged files into `dataDir` (synchronous: nothing else runs in between). */
export function applyStaged(staged: StagedBackup, dataDir: string, onProgress?: OnProgress): RestoreSummary {
  const summary: RestoreSummary = {
    conversations: { added: 0, updated: 0, kept: 0 },
    settings: 'absent',
    attachments: { added: 0, kept: 0 },
  }
  const total = staged.files.length
  staged.files.forEach((f, i) => {
    onProgress?.({ phase: 'restoring', done: i, total })
    const from = path.join(staged.staging, String(i))
    const target = path.join(dataDir, ...f.path.split('/'))
    const exists = fs.existsSync(target)
    const place = () => {
      fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 })
      fs.renameSync(from, target)
    }
    if (CONVERSATION.test(f.path)) {
      if (!exists) {
        place()
        summary.conversations.added++
        return
      }
      const local = fs.readFileSync(target)
      const archived = fs.readFileSync(from)
      if (archived.length > local.length && archived.subarray(0, local.length).equals(local)) {
        place()
        summary.conversations.updated++
      } else summary.conversations.kept++
    } else if (f.path === SETTINGS) {
      if (exists) summary.settings = 'kept'
      else {
        // Filtered again: an archive from elsewhere must not plant a credential either.
        const clean = withoutSecrets(JSON.parse(fs.readFileSync(from, 'utf8')))
        fs.writeFileSync(from, JSON.stringify(clean, null, 1), { mode: 0o600 })
        place()
        summary.settings = 'restored'
      }
    } else if (!exists) {
      place()
      summary.attachments.added++
    } else summary.attachments.kept++
  })
  onProgress?.({ phase: 'restoring', done: total, total })
  return summary
}

/** The staging folder of a restore into `dataDir` (inside it: the final moves are renames). */
export const stagingDir = (dataDir: string) => path.join(dataDir, 'backups', `.restoring-${randomUUID()}`)

/**
 * Restores into `dataDir` (empty or not). `beforeApply` runs after every check and may throw to
 * stop (e.g. a turn started meanwhile); conversations must not be open in a running engine then.
 */
export async function restoreBackup(
  file: string,
  dataDir: string,
  opts: { onProgress?: OnProgress; beforeApply?: () => void } = {},
): Promise<RestoreSummary> {
  const staging = stagingDir(dataDir)
  const hadBackups = fs.existsSync(path.dirname(staging))
  removeStaleStaging(path.dirname(staging))
  try {
    const staged = await stageBackup(file, staging, opts.onProgress)
    opts.beforeApply?.()
    return applyStaged(staged, dataDir, opts.onProgress)
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
    // A backups folder made only for staging goes too (an empty data folder stays as it was).
    // Only if still empty: an automatic backup may have been written there meanwhile.
    if (!hadBackups) removeIfEmpty(path.dirname(staging))
  }
}

/** Staging left by a restore that died (power cut, kill) an hour or more ago. */
function removeStaleStaging(backups: string): void {
  const hourAgo = Date.now() - 3_600_000
  let names: string[]
  try {
    names = fs.readdirSync(backups)
  } catch {
    return
  }
  for (const n of names) {
    if (!n.startsWith('.restoring-') && !n.startsWith('.restore-upload-')) continue
    const p = path.join(backups, n)
    try {
      if (fs.statSync(p).mtimeMs < hourAgo) fs.rmSync(p, { recursive: true, force: true })
    } catch {
      // Gone meanwhile.
    }
  }
}

function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir)
  } catch {
    // Not empty, or already gone.
  }
}

/** Checks a backup without restoring it (the CLI's and tests' "is this archive usable?"). */
export async function checkBackup(file: string, scratch: string): Promise<BackupManifest['files']> {
  const staging = path.join(scratch, `.checking-${randomUUID()}`)
  try {
    return (await stageBackup(file, staging)).files
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
  }
}
