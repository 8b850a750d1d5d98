// Attachments uploaded but never sent (a chip removed from the composer, a window closed before
// Send) would stay on disk for ever: conversation deletes only clean up what was referenced. The
// sweep removes stored attachments no conversation refers to once they are older than a grace
// period (a draft may sit for days), and temp files a crash left behind. It reads conversation
// files asynchronously, one at a time, so a host keeps serving meanwhile.
import fs from 'node:fs'
import path from 'node:path'
import { AttachmentId } from '@shared/attachments'
import type { AttachmentStore } from './store'

export const UNSENT_GRACE_MS = 7 * 24 * 3_600_000

export interface SweepResult {
  removed: string[]
  tempFiles: number
}

const isOld = (file: string, before: number) => {
  try {
    return fs.statSync(file).mtimeMs < before
  } catch {
    return false
  }
}

export async function sweepUnsent(
  store: AttachmentStore,
  conversationsDir: string,
  now = Date.now(),
  graceMs = UNSENT_GRACE_MS,
): Promise<SweepResult> {
  const before = now - graceMs
  let names: string[]
  try {
    names = await fs.promises.readdir(store.dir)
  } catch {
    return { removed: [], tempFiles: 0 }
  }
  let tempFiles = 0
  const candidates = new Set<string>()
  for (const n of names) {
    const file = path.join(store.dir, n)
    if (n.endsWith('.tmp') && isOld(file, now - 24 * 3_600_000)) {
      fs.rmSync(file, { force: true })
      tempFiles++
    } else if (AttachmentId.safeParse(n).success && isOld(file, before)) candidates.add(n)
  }
  if (candidates.size === 0) return { removed: [], tempFiles }
  let conversations: string[] = []
  try {
    conversations = (await fs.promises.readdir(conversationsDir)).filter((n) => n.endsWith('.jsonl'))
  } catch {
    // No conversations folder: nothing refers to anything.
  }
  for (const name of conversations) {
    if (candidates.size === 0) break
    let text: string
    try {
      text = await fs.promises.readFile(path.join(conversationsDir, name), 'utf8')
    } catch {
      // Unreadable now: keep everything it might refer to.
      return { removed: [], tempFiles }
    }
    for (const id of [...candidates]) if (text.includes(`attachment:${id}`)) candidates.delete(id)
  }
  const removed: string[] = []
  // Checked again: an upload of the same bytes meanwhile touched the file (store.put).
  for (const id of candidates)
    if (isOld(path.join(store.dir, id), before)) {
      store.remove(id)
      removed.push(id)
    }
  return { removed, tempFiles }
}
