// Checking an archive while it streams into a staging folder (restore's first step): gzip, tar,
// the manifest (first entry, every path one a restore may write, no file inside another), every
// entry's path, size and checksum in manifest order, room on the disk, the settings JSON. Any
// problem is an error that says nothing was changed; the staging folder is the caller's to remove.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { createHash } from 'node:crypto'
import { BackupManifest, BACKUP_VERSION } from '@shared/backup'
import { TarStreamReader, type EntrySink } from './tar-stream'
import { MANIFEST, type OnProgress } from './backup'
import { SETTINGS, isArchivable } from './archive-paths'

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
  // A path twice, or a file where another needs a folder (`attachments/a` and `attachments/a/b`),
  // could only fail half-way through the merge.
  const paths = new Set<string>()
  for (const f of m.data.files) {
    if (paths.has(f.path)) throw new Error(nothingChanged(`the backup lists ${f.path} twice`))
    paths.add(f.path)
  }
  for (const p of paths)
    for (let cut = p.indexOf('/'); cut > 0; cut = p.indexOf('/', cut + 1))
      if (paths.has(p.slice(0, cut)))
        throw new Error(nothingChanged(`the backup holds both ${p.slice(0, cut)} and ${p}`))
  return m.data
}

/** Room to stage every file, plus a margin so the data folder is not left full. */
const DISK_MARGIN = 64 * 1024 * 1024

function checkRoom(staging: string, m: BackupManifest): void {
  const need = m.files.reduce((a, f) => a + f.size, 0) + DISK_MARGIN
  let free: number
  try {
    const st = fs.statfsSync(staging)
    free = st.bavail * st.bsize
  } catch {
    return // Unknown (an unusual file system): the writes themselves will say.
  }
  if (need > free)
    throw new Error(
      nothingChanged(
        `the backup needs ${Math.ceil(need / 1e6)} MB free in the data folder and there are ${Math.floor(free / 1e6)} MB`,
      ),
    )
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

/**
 * A sink that writes to a staging file and checks the bytes against the manifest at the end. Its
 * descriptor is in `open` until then, so a read that fails mid-entry can close it.
 */
function stagedSink(file: string, f: BackupManifest['files'][number], open: Set<number>): EntrySink {
  const fd = fs.openSync(file, 'wx', 0o600)
  open.add(fd)
  const h = createHash('sha256')
  return {
    data: (c) => {
      h.update(c)
      fs.writeSync(fd, c)
    },
    end: () => {
      open.delete(fd)
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
  const open = new Set<number>()
  const reader = new TarStreamReader((p, size) => {
    index++
    if (index === 0) {
      if (p !== MANIFEST) throw new Error(nothingChanged('not a backup of this app (no manifest)'))
      return memorySink('manifest', (data) => {
        manifest = manifestOf(data)
        checkRoom(staging, manifest)
      })
    }
    const f = manifest!.files[index - 1]
    if (!f) throw new Error(nothingChanged('the backup holds more files than its manifest lists'))
    if (f.path !== p || f.size !== size)
      throw new Error(nothingChanged(`the backup is damaged (${f.path} does not match its checksum)`))
    return stagedSink(path.join(staging, String(index - 1)), f, open)
  })
  fs.mkdirSync(staging, { recursive: true, mode: 0o700 })
  let src: fs.ReadStream | null = null
  try {
    const total = fs.statSync(file).size
    src = fs.createReadStream(file)
    const gunzip = zlib.createGunzip()
    let read = 0
    src.on('data', (c) =>
      onProgress?.({ phase: 'checking', done: Math.min((read += c.length), total), total }),
    )
    src.on('error', (e) => gunzip.destroy(e))
    src.pipe(gunzip)
    for await (const chunk of gunzip) {
      reader.feed(chunk as Buffer)
      // Past the end block: whatever follows is not read (it could be a gigabyte of zeros).
      if (reader.done) break
    }
    reader.finish()
    onProgress?.({ phase: 'checking', done: total, total })
  } catch (e) {
    for (const fd of open) fs.closeSync(fd)
    open.clear()
    if ((e as Error).message.includes('nothing was changed')) throw e
    const why =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (e as Error).message
    throw new Error(nothingChanged(`not a usable backup (${why})`), { cause: e })
  } finally {
    src?.destroy()
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
