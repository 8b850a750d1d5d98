// Switching branches in a 1,000-turn conversation with 50 branch points (issue 13): the time from
// the switch op to the rows the window draws — the leaf record, reading the file as often as the
// engine and the window do, the tree, the path, the model input and `historyRows` — median over
// switches between alternating branches. The DOM is virtualised (only visible rows are drawn).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { HistoryStore } from '../../main/core/history/store'
import { deepestLeaf } from '../../main/core/history/tree'
import { rebuildModelInput } from '../../main/core/compaction/rebuild'
import { historyRows } from '../../renderer/src/state/rows'
import { assistantMessage, userMessage } from '@shared/wire/items'

export interface BranchesBench {
  turns: number
  branchPoints: number
  megabytes: number
  medianMs: number
  rows: number
}

const ANSWER = 'The answer explains the steps in order, with an example and a short code block. '.repeat(8)

export function branchesBench(turns = 1000, branchPoints = 50, switches = 41): BranchesBench {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branches-bench-'))
  try {
    const store = new HistoryStore(dir)
    const id = randomUUID()
    store.create(id, 'openai', 'gpt-5.2')
    const every = Math.floor(turns / branchPoints)
    const alternates: string[] = []
    let parent: string | null = null
    for (let t = 0; t < turns; t++) {
      if (t > 0 && t % every === 0 && alternates.length < branchPoints) {
        // A sibling of this turn (an edit), one turn deep, then back to the main line.
        const alt = randomUUID()
        store.setLeaf(id, parent)
        store.beginTurn(id, alt)
        store.appendItem(id, alt, userMessage(`Edited question ${t}`))
        store.appendItem(id, alt, assistantMessage(`Edited ${t}. ${ANSWER}`))
        alternates.push(alt)
        store.setLeaf(id, parent)
      }
      const turnId = randomUUID()
      store.beginTurn(id, turnId)
      store.appendItem(id, turnId, userMessage(`Question ${t}: how do I do step ${t}?`))
      store.appendItem(id, turnId, assistantMessage(`${t}. ${ANSWER}`))
      parent = turnId
    }
    const mainLeaf = parent!
    const file = path.join(dir, 'conversations', `${id}.jsonl`)
    const megabytes = fs.statSync(file).size / 1e6
    const times: number[] = []
    let rows = 0
    for (let i = 0; i < switches; i++) {
      const target = i % 2 === 0 ? alternates[(i * 7) % alternates.length]! : mainLeaf
      const t0 = performance.now()
      const full = store.loadFull(id)!
      store.setLeaf(id, deepestLeaf(full.tree, target))
      // As the engine and the window do it: the model input (reload), the event (announce), then
      // the window's `conversations.load` query and its rows.
      rebuildModelInput(store.load(id)!.conversation)
      store.load(id)
      const c = store.load(id)!.conversation
      rows = historyRows(c).length
      times.push(performance.now() - t0)
    }
    store.close()
    times.sort((a, b) => a - b)
    return { turns, branchPoints, megabytes, medianMs: times[Math.floor(times.length / 2)]!, rows }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
