// Backup and restore of a large data folder (issue 13: "progress for long work"): 40
// conversations and 192 MB of incompressible attachments (384 pictures of 512 KB). Printed: our
// streamed backup against `tar -czf` of the same folder (same gzip level) as a ratio, a restore
// into an empty folder and one merging into a folder that has it all already (every file compared),
// the peak RSS growth after a full GC (memory must stay flat whatever the folder holds) and the
// longest event-loop stall (the host keeps serving while it works), each the median of 3 rounds.
// Nothing here asserts.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import { randomBytes, randomUUID } from 'node:crypto'
import { createBackup } from '../../main/core/backup/backup'
import { restoreBackup } from '../../main/core/backup/restore'

export interface BackupBench {
  megabytes: number
  backupMs: number
  tarMs: number | null
  restoreMs: number
  mergeMs: number
  peakRssMb: number
  maxStallMs: number
  progressEvents: number
}

function seed(dir: string): number {
  let bytes = 0
  fs.mkdirSync(path.join(dir, 'conversations'), { recursive: true })
  for (let c = 0; c < 40; c++) {
    const lines: string[] = []
    for (let t = 0; t < 400; t++)
      lines.push(
        JSON.stringify({
          kind: 'item',
          turnId: `t${t}`,
          at: new Date().toISOString(),
          item: {
            type: 'message',
            role: 'assistant',
            content: [{ type: 'output_text', text: `Answer ${t}. `.repeat(40) }],
          },
        }),
      )
    const body = lines.join('\n') + '\n'
    fs.writeFileSync(path.join(dir, 'conversations', `${randomUUID()}.jsonl`), body)
    bytes += body.length
  }
  fs.mkdirSync(path.join(dir, 'attachments'), { recursive: true })
  for (let i = 0; i < 384; i++) {
    const b = randomBytes(512 * 1024)
    fs.writeFileSync(path.join(dir, 'attachments', b.subarray(0, 32).toString('hex')), b)
    bytes += b.length
  }
  return bytes
}

/** A full collection, so garbage from before (the seeding's buffers) cannot hide growth. */
v8.setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Runs `work` while sampling RSS and the event loop's longest gap between 5 ms ticks. */
async function watched<T>(
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; rssMb: number; stallMs: number }> {
  gc()
  const rss0 = process.memoryUsage().rss
  let peak = rss0
  let last = performance.now()
  let stall = 0
  const timer = setInterval(() => {
    const now = performance.now()
    stall = Math.max(stall, now - last - 5)
    last = now
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 5)
  const t0 = performance.now()
  try {
    const value = await work()
    return { value, ms: performance.now() - t0, rssMb: (peak - rss0) / 1e6, stallMs: stall }
  } finally {
    clearInterval(timer)
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Seeds once, then `rounds` backups and restores; every figure is the median of the rounds. */
export async function backupBench(rounds = 3): Promise<BackupBench> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-bench-'))
  try {
    const src = path.join(root, 'src')
    const bytes = seed(src)
    const runs: Omit<BackupBench, 'megabytes'>[] = []
    for (let i = 0; i < rounds; i++) {
      let events = 0
      const file = path.join(root, `b${i}.tar.gz`)
      const b = await watched(() => createBackup(src, file, () => events++))
      let tarMs: number | null = null
      try {
        const t0 = performance.now()
        execFileSync('tar', ['-czf', path.join(root, 'ref.tgz'), '-C', src, 'conversations', 'attachments'])
        tarMs = performance.now() - t0
      } catch {
        // No tar here: the ratio is left out.
      }
      const dst = path.join(root, `dst${i}`)
      const r = await watched(() => restoreBackup(file, dst))
      const m = await watched(() => restoreBackup(file, dst))
      fs.rmSync(dst, { recursive: true, force: true })
      fs.rmSync(file, { force: true })
      runs.push({
        backupMs: b.ms,
        tarMs,
        restoreMs: r.ms,
        mergeMs: m.ms,
        peakRssMb: Math.max(b.rssMb, r.rssMb, m.rssMb),
        maxStallMs: Math.max(b.stallMs, r.stallMs, m.stallMs),
        progressEvents: events,
      })
    }
    const tars = runs.map((r) => r.tarMs).filter((x): x is number => x !== null)
    return {
      megabytes: bytes / 1e6,
      backupMs: median(runs.map((r) => r.backupMs)),
      tarMs: tars.length ? median(tars) : null,
      restoreMs: median(runs.map((r) => r.restoreMs)),
      mergeMs: median(runs.map((r) => r.mergeMs)),
      peakRssMb: median(runs.map((r) => r.peakRssMb)),
      maxStallMs: median(runs.map((r) => r.maxStallMs)),
      progressEvents: runs[0]!.progressEvents,
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true })
  }
}
