// Backup and Restore from Settings (issue 13): the archive goes to `<dataDir>/backups/`, whose
// location the window shows; restore reads a backup file on this machine and is refused while a
// turn runs (a running turn appends to its conversation's file).
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
