// Runs the sweep of never-sent uploads (core/attachments/sweep.ts) a minute after the host
// starts and then daily; a failure is logged, never thrown into the host.
import path from 'node:path'
import type { Logger } from '../core/log'
import { AttachmentStore } from '../core/attachments/store'
import { sweepUnsent } from '../core/attachments/sweep'

const FIRST_MS = 60_000
const DAY_MS = 24 * 3_600_000

export function startAttachmentSweep(dataDir: () => string, logger: Logger): () => void {
  let running = false
  const run = async () => {
    if (running) return
    running = true
    try {
      const dir = dataDir()
      const r = await sweepUnsent(new AttachmentStore(dir), path.join(dir, 'conversations'))
      if (r.removed.length || r.tempFiles)
        logger.log('info', 'removed attachments that were never sent', {
          attachments: r.removed.length,
          tempFiles: r.tempFiles,
        })
    } catch (e) {
      logger.log('warn', 'attachment sweep failed', { error: (e as Error).message })
    } finally {
      running = false
    }
  }
  const first = setTimeout(() => void run(), FIRST_MS)
  const daily = setInterval(() => void run(), DAY_MS)
  first.unref()
  daily.unref()
  return () => {
    clearTimeout(first)
    clearInterval(daily)
  }
}
