// Shared by the backup tests: temp folders removed after each test, and a one-turn conversation.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterEach } from 'vitest'
import { HistoryStore } from '../../main/core/history/store'
import { createBackup } from '../../main/core/backup/backup'
import { assistantMessage, userMessage } from '@shared/wire/items'

/** A temp-folder maker whose folders go after each test of the calling file. */
export function tempDirs(prefix: string): () => string {
  const dirs: string[] = []
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
  })
  return () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
    dirs.push(d)
    return d
  }
}

/** A conversation of one turn (`q`, then "answer to q") in `dataDir`; its id. */
export function conversation(dataDir: string, q: string): string {
  const s = new HistoryStore(dataDir)
  const id = randomUUID()
  const t = randomUUID()
  s.create(id, 'openai', 'gpt-5.2')
  s.beginTurn(id, t)
  s.appendItem(id, t, userMessage(q))
  s.appendItem(id, t, assistantMessage(`answer to ${q}`))
  s.close()
  return id
}

/** Every file under `dir` with its text, to show that nothing changed. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (rel: string) => {
    for (const d of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${d.name}` : d.name
      if (d.isDirectory()) walk(p)
      else out[p] = fs.readFileSync(path.join(dir, p), 'utf8')
    }
  }
  walk('')
  return out
}

/**
 * A data folder `dst` holding an older copy of conversation `id`, and a backup `file` of `src`
 * where that conversation was renamed since (the archived copy extends the local one).
 */
export async function olderLocalCopy(
  tmp: () => string,
): Promise<{ src: string; dst: string; id: string; file: string }> {
  const src = tmp()
  const id = conversation(src, 'q')
  const dst = tmp()
  fs.cpSync(src, dst, { recursive: true })
  const s = new HistoryStore(src)
  s.rename(id, 'Renamed in the source')
  s.close()
  const file = path.join(tmp(), 'b.tar.gz')
  await createBackup(src, file)
  return { src, dst, id, file }
}
