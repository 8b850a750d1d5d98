// Conversation search over a large history: the first query (every file read and parsed) vs the
// next keystrokes (the index re-reads nothing) vs a keystroke after one conversation changed.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { HistoryStore } from '../../main/core/history/store'
import { SearchIndex } from '../../main/host/search'
import { assistantMessage, userMessage } from '@shared/wire/items'

const WORDS = 'the quick brown fox jumps over a lazy dog while seven wizards quietly hex jolly zebras'.split(
  ' ',
)
const sentence = (n: number) =>
  Array.from({ length: n }, (_, i) => WORDS[(i * 7 + n) % WORDS.length]).join(' ')

export interface SearchBench {
  conversations: number
  megabytes: number
  coldMs: number
  warmMs: number
  oneChangedMs: number
}

export function searchBench(conversations = 1000, turns = 10): SearchBench {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-bench-'))
  try {
    const store = new HistoryStore(dir)
    const ids: string[] = []
    for (let c = 0; c < conversations; c++) {
      const id = randomUUID()
      ids.push(id)
      store.create(id, 'openai', 'gpt-5.2')
      for (let t = 0; t < turns; t++) {
        store.appendItem(id, `t${t}`, userMessage(`question ${c}.${t}: ${sentence(12)}`))
        store.appendItem(id, `t${t}`, assistantMessage(sentence(300)))
      }
    }
    const folder = path.join(dir, 'conversations')
    const bytes = fs.readdirSync(folder).reduce((n, f) => n + fs.statSync(path.join(folder, f)).size, 0)
    const time = (f: () => void) => {
      const t0 = performance.now()
      f()
      return performance.now() - t0
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    const index = new SearchIndex()
    const coldMs = median([0, 1, 2].map(() => time(() => new SearchIndex().search(dir, 'wizards quietly'))))
    index.search(dir, 'w')
    const warmMs = median(
      ['wi', 'wiz', 'wiza', 'wizar', 'wizard'].map((q) => time(() => index.search(dir, q))),
    )
    store.appendItem(ids[0]!, 'late', assistantMessage('a brand new answer'))
    const oneChangedMs = time(() => index.search(dir, 'brand new'))
    store.close()
    return { conversations, megabytes: bytes / 1e6, coldMs, warmMs, oneChangedMs }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
