// Backup and Restore from Settings (issue 13): the archive goes to `<dataDir>/backups/`, whose
// location the window shows. Restore never takes a path from the page: the Electron app's main
// process asks the OS file dialog (`pickBackupFile`), the browser host receives the archive's bytes
// and restores them from a temp file in the backups folder. Refused while a turn runs (a running
// turn appends to its conversation's file).
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { RestoreSummary } from '@shared/backup'
import { createBackup, type BackupResult } from '../core/backup/backup'
import { restoreBackup } from '../core/backup/restore'
import type { HostCore } from './core'

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, 'backups')
}

export function backupNow(core: HostCore): BackupResult & { folder: string } {
  const dataDir = core.services.engineSpec().dataDir
  const folder = backupsDir(dataDir)
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- the backups folder in the data folder
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
  return { ...createBackup(dataDir, path.join(folder, `assistant-backup-${stamp}.tar.gz`)), folder }
}

export function restoreNow(core: HostCore, file: string): RestoreSummary {
  if (core.fanout.replay.runningConversations().length > 0)
    throw new Error('A turn is running; restore when it has finished.')
  const summary = restoreBackup(file, core.services.engineSpec().dataDir)
  // Fresh file handles for what was replaced; new turns read the restored files.
  core.refreshEngine(true)
  return summary
}

/** Electron: main asks the user for the file; cancel changes nothing. */
export async function pickAndRestore(
  core: HostCore,
): Promise<{ cancelled: boolean; summary: RestoreSummary | null }> {
  const pick = core.services.pickBackupFile
  if (!pick) throw new Error('This host has no file dialog; choose the backup file in the page.')
  const file = await pick()
  if (file === null) return { cancelled: true, summary: null }
  return { cancelled: false, summary: restoreNow(core, file) }
}

/** Browser host: the page sent the archive's bytes (size-checked by the contract). */
export function restoreUpload(core: HostCore, data: Uint8Array): RestoreSummary {
  if (core.fanout.replay.runningConversations().length > 0)
    throw new Error('A turn is running; restore when it has finished.')
  const folder = backupsDir(core.services.engineSpec().dataDir)
  const tmp = path.join(folder, `.restore-upload-${crypto.randomUUID()}.tar.gz`)
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- the backups folder in the data folder
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- a temp file named here
  fs.writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' })
  try {
    return restoreNow(core, tmp)
  } finally {
    fs.rmSync(tmp, { force: true })
  }
}
