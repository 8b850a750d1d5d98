// The optional automatic backup (settings `autoBackup`, off by default): checked at start and
// hourly, it makes at most one backup a day into `<dataDir>/backups/auto/` and keeps the newest
// `autoBackupKeep`. A failure is logged, never thrown into the host.
import path from 'node:path'
import type { Settings } from '@shared/bridge'
import type { Logger } from '../core/log'
import { rollingBackup } from '../core/backup/rolling'
import { backupsDir } from './backup-queries'

const HOUR = 3_600_000

export function autoBackupDir(dataDir: string): string {
  return path.join(backupsDir(dataDir), 'auto')
}

export function startAutoBackup(settings: () => Settings, dataDir: () => string, logger: Logger): () => void {
  let running = false
  const check = async () => {
    const s = settings()
    if (!s.autoBackup || running) return
    running = true
    try {
      const made = await rollingBackup(dataDir(), autoBackupDir(dataDir()), s.autoBackupKeep)
      if (made) logger.log('info', 'automatic backup written', { file: made.file, bytes: made.bytes })
    } catch (e) {
      logger.log('warn', 'automatic backup failed', { error: (e as Error).message })
    } finally {
      running = false
    }
  }
  void check()
  const timer = setInterval(() => void check(), HOUR)
  timer.unref()
  return () => clearInterval(timer)
}
