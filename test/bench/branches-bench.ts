// Switching branches in a 1,000-turn conversation with 50 branch points (issue 13), engine side:
// the time from the `switch_branch` op (run by the engine's own BranchOps: one read of the file,
// the leaf record, the new path, the model input rebuilt) to the rows the window draws from the
// event — after the bridge's validation of the event where it arrives (shared/bridge/client.ts) —
// median over switches between alternating branches. `branches-page-bench.ts` measures the same
// in Chromium.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { HistoryStore } from '../../main/core/history/store'
import { BranchOps } from '../../main/core/history/branch-ops'
import { rebuildModelInput } from '../../main/core/compaction/rebuild'
import { historyRows } from '../../renderer/src/state/rows'
import { BridgeEvent } from '@shared/bridge'
import type { EngineEvent } from '@shared/events'
import type { ResponseItem } from '@shared/wire/items'
import { writeBranchyConversation } from './branchy-conversation'

export interface BranchesBench {
  turns: number
  branchPoints: number
  megabytes: number
  medianMs: number
  rows: number
}

export async function branchesBench(turns = 1000, branchPoints = 50, switches = 41): Promise<BranchesBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branches-bench-'))
  try {
    const { id, mainLeaf, alternates } = writeBranchyConversation(dir, turns, branchPoints)
    const store = new HistoryStore(dir)
    const file = path.join(dir, 'conversations', `${id}.jsonl`)
    const megabytes = fs.statSync(file).size / 1e6
    let last: EngineEvent | null = null
    const conv = { running: null, history: [] as ResponseItem[] }
    const ops = new BranchOps({
      store,
      emit: (e) => void (last = e),
      conversations: { get: () => conv },
      compaction: { loaded: (_id, c) => rebuildModelInput(c).items },
      runTurn: async () => undefined,
    })
    const times: number[] = []
    let rows = 0
    for (let i = 0; i < switches; i++) {
      const target = i % 2 === 0 ? alternates[(i * 7) % alternates.length]! : mainLeaf
      const t0 = performance.now()
      await ops.submit({ type: 'switch_branch', conversationId: id, messageId: target })
      const ev = BridgeEvent.parse(last)
      if (ev.type !== 'conversation_tree') throw new Error(`expected conversation_tree, got ${ev.type}`)
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
