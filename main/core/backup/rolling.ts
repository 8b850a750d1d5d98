// The optional automatic backup: at most one a day into a folder, the newest `keep` kept.
import fs from 'node:fs'
import path from 'node:path'
import { createBackup, type BackupResult } from './backup'

const NAME = /^assistant-backup-(\d{4}-\d{2}-\d{2})\.tar\.gz$/

/** Makes today's backup unless one exists; then deletes all but the newest `keep`. */
export async function rollingBackup(
  dataDir: string,
  dir: string,
  keep: number,
  now = new Date(),
): Promise<BackupResult | null> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  const day = now.toISOString().slice(0, 10)
  const name = `assistant-backup-${day}.tar.gz`
  const made = fs.existsSync(path.join(dir, name)) ? null : await createBackup(dataDir, path.join(dir, name))
  const all = fs
    .readdirSync(dir)
    .filter((n) => NAME.test(n))
    .sort()
  for (const old of all.slice(0, Math.max(0, all.length - Math.max(1, keep))))
    fs.rmSync(path.join(dir, old), { force: true })
  return made
}
