// Leftovers of a backup or restore that died (power cut, kill, quit mid-way): an archive's
// `.partial`, a restore's staging folder or uploaded archive. Removed when an hour old, by the
// next backup or restore into the same folder.
import fs from 'node:fs'
import path from 'node:path'

const HOUR_MS = 3_600_000

const isLeftover = (name: string) =>
  name.endsWith('.partial') || name.startsWith('.restoring-') || name.startsWith('.restore-upload-')

export function removeStale(dir: string, now = Date.now()): number {
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return 0
  }
  let removed = 0
  for (const n of names.filter(isLeftover)) {
    const p = path.join(dir, n)
    try {
      if (fs.statSync(p).mtimeMs < now - HOUR_MS) {
        fs.rmSync(p, { recursive: true, force: true })
        removed++
      }
    } catch {
      // Gone meanwhile.
    }
  }
  return removed
}
