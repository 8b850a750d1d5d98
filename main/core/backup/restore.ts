// Restore a backup into a data folder, merging by id. Everything is checked first (gzip, tar,
// manifest, every checksum, every path) while the archive streams into a staging folder inside
// the data folder, so a corrupt archive is refused and changes nothing. Then the staged files are
// moved into place in one synchronous step. Conversations are append-only files: a copy that
// extends the other is the newer one, so a local file is replaced only by an archived copy that
// starts with all of it.
import fs from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import type { RestoreSummary } from '@shared/backup'
import { withoutSecrets, type OnProgress } from './backup'
import { CONVERSATION, SETTINGS } from './archive-paths'
import { stageBackup, type StagedBackup } from './stage'
import { removeStale } from './stale'

/** Something in the data folder where a file must go (a folder named like it, a file named like its folder). */
function inTheWay(dataDir: string, rel: string): string | null {
  const parts = rel.split('/')
  for (let i = 1; i < parts.length; i++) {
    const dir = path.join(dataDir, ...parts.slice(0, i))
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) return dir
  }
  const target = path.join(dataDir, ...parts)
  return fs.existsSync(target) && !fs.statSync(target).isFile() ? target : null
}

/**
 * Moves the staged files into `dataDir` (synchronous: nothing else runs in between). Whatever is
 * in the way is found before the first move; a move that fails anyway (a full disk, a file locked
 * by another program) stops with how far it got: what was moved is a correct merge, and running
 * the restore again finishes it.
 */
function applyStaged(
  staged: StagedBackup,
  dataDir: string,
  onProgress?: OnProgress,
  plan?: Map<number, Decision>,
): RestoreSummary {
  for (const f of staged.files) {
    const blocked = inTheWay(dataDir, f.path)
    if (blocked) throw new Error(`${blocked} is in the way of ${f.path}; nothing was changed`)
  }
  let done = 0
  try {
    return applyAll(staged, dataDir, onProgress, (i) => (done = i), plan)
  } catch (e) {
    throw new Error(
      `the restore stopped after ${done} of ${staged.files.length} files (${(e as Error).message}); what was restored is kept, and running the restore again finishes it`,
      { cause: e },
    )
  }
}

/** Whether an archived conversation extends the local one, decided before the synchronous step. */
interface Decision {
  extends: boolean
  size: number
  mtimeMs: number
}

const extendsBytes = (archived: Buffer, local: Buffer) =>
  archived.length > local.length && archived.subarray(0, local.length).equals(local)

/**
 * Compares every archived conversation with the local copy, reading asynchronously, so the
 * synchronous step need not read them (a data folder of large histories would stall the host).
 */
async function planMerge(staged: StagedBackup, dataDir: string): Promise<Map<number, Decision>> {
  const plan = new Map<number, Decision>()
  for (const [i, f] of staged.files.entries()) {
    if (!CONVERSATION.test(f.path)) continue
    const target = path.join(dataDir, ...f.path.split('/'))
    try {
      const st = await fs.promises.stat(target)
      const local = await fs.promises.readFile(target)
      // Only the local copy's length of the archived one is needed to compare.
      const archived = await fs.promises.readFile(path.join(staged.staging, String(i)))
      plan.set(i, { extends: extendsBytes(archived, local), size: st.size, mtimeMs: st.mtimeMs })
    } catch {
      // No local copy (it is added), or it went meanwhile: decided in the synchronous step.
    }
  }
  return plan
}

/** The plan's answer when the local file is still as it was then, else compared now. */
function extendsLocal(target: string, from: string, planned: Decision | undefined): boolean {
  const st = fs.statSync(target)
  if (planned && st.size === planned.size && st.mtimeMs === planned.mtimeMs) return planned.extends
  return extendsBytes(fs.readFileSync(from), fs.readFileSync(target))
}

function applyAll(
  staged: StagedBackup,
  dataDir: string,
  onProgress: OnProgress | undefined,
  /** Called with how many files are done before each one starts. */
  at: (done: number) => void,
  plan: Map<number, Decision> | undefined,
): RestoreSummary {
  const summary: RestoreSummary = {
    conversations: { added: 0, updated: 0, kept: 0 },
    settings: 'absent',
    attachments: { added: 0, kept: 0 },
  }
  const total = staged.files.length
  staged.files.forEach((f, i) => {
    at(i)
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
      if (extendsLocal(target, from, plan?.get(i))) {
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
const stagingDir = (dataDir: string) => path.join(dataDir, 'backups', `.restoring-${randomUUID()}`)

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
  removeStale(path.dirname(staging))
  try {
    const staged = await stageBackup(file, staging, opts.onProgress)
    const plan = await planMerge(staged, dataDir)
    opts.beforeApply?.()
    return applyStaged(staged, dataDir, opts.onProgress, plan)
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
    // A backups folder made only for staging goes too (an empty data folder stays as it was).
    // Only if still empty: an automatic backup may have been written there meanwhile.
    if (!hadBackups) removeIfEmpty(path.dirname(staging))
  }
}

function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir)
  } catch {
    // Not empty, or already gone.
  }
}
