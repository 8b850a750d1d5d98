// Shared by the backup tests: temp folders removed after each test, and a one-turn conversation.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterEach } from 'vitest'
import { HistoryStore } from '../../main/core/history/store'
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
