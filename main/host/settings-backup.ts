// Before settings are rewritten in a new shape (a migration from an older version, a file from a
// newer version, or fields reset because they were unreadable), the file as it was is copied to
// settings-backups/ next to it; the last few copies are kept. If the copy fails, the file is not
// rewritten: the app runs on the migrated settings in memory and the file stays as it was.
/* eslint-disable security/detect-non-literal-fs-filename -- every path derives from the host's own settings file, never from page input */
import fs from 'node:fs'
import path from 'node:path'
import { SETTINGS_VERSION } from '@shared/bridge'
import type { Logger } from '../core/log'

export const SETTINGS_BACKUPS_KEPT = 5
export const BACKUP_DIR = 'settings-backups'

/** Copy `file` aside; returns the copy's path, or null when there is no file. Throws if it cannot copy. */
export function backupSettingsFile(file: string, label: string, keep = SETTINGS_BACKUPS_KEPT): string | null {
  if (!fs.existsSync(file)) return null
  const dir = path.join(path.dirname(file), BACKUP_DIR)
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const base = path.basename(file, '.json')
  let target = path.join(dir, `${base}-${stamp}-${label}.json`)
  for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, `${base}-${stamp}-${label}-${n}.json`)
  fs.copyFileSync(file, target, fs.constants.COPYFILE_EXCL)
  fs.chmodSync(target, 0o600)
  // ISO stamps sort by time; drop the oldest beyond `keep`.
  const copies = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.json'))
    .sort()
  for (const old of copies.slice(0, Math.max(0, copies.length - keep))) fs.rmSync(path.join(dir, old))
  return target
}

/**
 * Called before the service writes migrated settings back. Returns false when the write must not
 * happen (the backup failed).
 */
export function backupBeforeRewrite(
  location: string,
  result: { from: number; repaired: string[] },
  logger: Logger,
): boolean {
  const migrating = result.from !== 0 && result.from !== SETTINGS_VERSION
  if (!migrating && result.repaired.length === 0) return true
  const label = migrating ? `v${result.from}` : 'repaired'
  try {
    const copy = backupSettingsFile(location, label)
    if (copy) logger.log('info', 'settings backed up before rewriting', { file: copy })
    return true
  } catch (e) {
    logger.log('error', 'could not back up settings; leaving the file as it is', {
      file: location,
      error: (e as Error).message,
    })
    return false
  }
}
