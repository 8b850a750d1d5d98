// Switching branches in a 1,000-turn conversation with 50 branch points (issue 13), engine side:
// the time from the switch op to the rows the window draws — the leaf record, one read of the
// file, the new path, the model input, the event's validation and `historyRows` — median over
// switches between alternating branches. `branches-page-bench.ts` measures the same in Chromium.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { HistoryStore } from '../../main/core/history/store'
import { deepestLeaf, projectPath } from '../../main/core/history/tree'
import { rebuildModelInput } from '../../main/core/compaction/rebuild'
import { historyRows } from '../../renderer/src/state/rows'
import { ConversationTreeEvent } from '@shared/branches'
import { writeBranchyConversation } from './branchy-conversation'

export interface BranchesBench {
  turns: number
  branchPoints: number
  megabytes: number
  medianMs: number
  rows: number
}

export function branchesBench(turns = 1000, branchPoints = 50, switches = 41): BranchesBench {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branches-bench-'))
  try {
    const { id, mainLeaf, alternates } = writeBranchyConversation(dir, turns, branchPoints)
    const store = new HistoryStore(dir)
    const file = path.join(dir, 'conversations', `${id}.jsonl`)
    const megabytes = fs.statSync(file).size / 1e6
    const times: number[] = []
    let rows = 0
    for (let i = 0; i < switches; i++) {
      const target = i % 2 === 0 ? alternates[(i * 7) % alternates.length]! : mainLeaf
      const t0 = performance.now()
      // As BranchOps does it: one read, the leaf record, the path projected from what was read.
      const full = store.loadFull(id)!
      const leaf = deepestLeaf(full.tree, target)
      store.setLeaf(id, leaf)
      const conversation = projectPath(full.conversation, full.tree, leaf)
      rebuildModelInput(conversation)
      // The host validates the event before it leaves; the window draws rows from its path.
      const ev = ConversationTreeEvent.parse({
        type: 'conversation_tree',
        conversationId: id,
        conversation,
        cause: 'switch',
      })
      rows = historyRows(ev.conversation).length
      times.push(performance.now() - t0)
    }
    store.close()
    times.sort((a, b) => a - b)
    return { turns, branchPoints, megabytes, medianMs: times[Math.floor(times.length / 2)]!, rows }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
