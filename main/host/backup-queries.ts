// Backup and Restore from Settings (issue 13): the archive goes to `<dataDir>/backups/`, whose
// location the window shows. Restore never takes a path from the page: the Electron app's main
// process asks the OS file dialog (`pickBackupFile`), the browser host receives the archive's bytes
// and restores them from a temp file in the backups folder. Both stream, report `backup_progress`
// to the windows, and run one at a time. A restore is refused while a turn runs (a running turn
// appends to its conversation's file), checked again right before the files are moved into place.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { BackupProgress, RestoreSummary } from '@shared/backup'
import { createBackup, type BackupResult, type OnProgress } from '../core/backup/backup'
import { restoreBackup } from '../core/backup/restore'
import type { HostCore } from './core'

/** Progress events at most this often (a backup of many small files would otherwise flood the windows). */
const PROGRESS_EVERY_MS = 100

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, 'backups')
}

/** The backup or restore each host runs, if any. */
const busy = new WeakMap<HostCore, BackupProgress['task']>()

/** Runs one backup or restore at a time, publishing its progress (throttled; the last one always). */
async function exclusive<T>(
  core: HostCore,
  task: BackupProgress['task'],
  run: (onProgress: OnProgress) => Promise<T>,
): Promise<T> {
  const running = busy.get(core)
  if (running) throw new Error(`A ${running} is already running; wait for it to finish.`)
  busy.set(core, task)
  let last = 0
  let pending: BackupProgress | null = null
  const flush = () => {
    if (pending) core.publish({ type: 'backup_progress', ...pending })
    pending = null
  }
  try {
    return await run((p) => {
      pending = { task, ...p }
      const now = Date.now()
      if (now - last >= PROGRESS_EVERY_MS || p.done === p.total) {
        last = now
        flush()
      }
    })
  } finally {
    flush()
    busy.delete(core)
  }
}

export function backupNow(core: HostCore): Promise<BackupResult & { folder: string }> {
  return exclusive(core, 'backup', async (onProgress) => {
    const dataDir = core.services.engineSpec().dataDir
    const folder = backupsDir(dataDir)
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- the backups folder in the data folder
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
    const out = path.join(folder, `assistant-backup-${stamp}.tar.gz`)
    return { ...(await createBackup(dataDir, out, onProgress)), folder }
  })
}

const refuseWhileRunning = (core: HostCore) => {
  if (core.fanout.replay.runningConversations().length > 0)
    throw new Error('A turn is running; restore when it has finished. Nothing was changed.')
}

function restoreNow(core: HostCore, file: string): Promise<RestoreSummary> {
  refuseWhileRunning(core)
  return exclusive(core, 'restore', async (onProgress) => {
    let applied = false
    try {
      return await restoreBackup(file, core.services.engineSpec().dataDir, {
        onProgress,
        beforeApply: () => {
          refuseWhileRunning(core)
          applied = true
        },
      })
    } finally {
      // Fresh file handles for what was replaced (also after a merge that stopped half-way):
      // new turns read the restored files, none appends to a replaced one.
      if (applied) core.refreshEngine(true)
    }
  })
}

/** Electron: main asks the user for the file; cancel changes nothing. */
export async function pickAndRestore(
  core: HostCore,
): Promise<{ cancelled: boolean; summary: RestoreSummary | null }> {
  const pick = core.services.pickBackupFile
  if (!pick) throw new Error('This host has no file dialog; choose the backup file in the page.')
  const file = await pick()
  if (file === null) return { cancelled: true, summary: null }
  return { cancelled: false, summary: await restoreNow(core, file) }
}

/** Browser host: the page sent the archive's bytes (size-checked by the contract). */
export async function restoreUpload(core: HostCore, data: Uint8Array): Promise<RestoreSummary> {
  refuseWhileRunning(core)
  const folder = backupsDir(core.services.engineSpec().dataDir)
  const tmp = path.join(folder, `.restore-upload-${crypto.randomUUID()}.tar.gz`)
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- the backups folder in the data folder
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- a temp file named here
  fs.writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' })
  try {
    return await restoreNow(core, tmp)
  } finally {
    fs.rmSync(tmp, { force: true })
  }
}
