// `assistant exec --conversation ID --regenerate`: answer the current branch's last message again;
// the new answer becomes a sibling of the old one (issue 13).
import type { RegenerateOp } from '@shared/branches'
import { HistoryStore } from './core/history/store'

export function regenerateOp(dataDir: string, conversationId: string, model?: string): RegenerateOp {
  const store = new HistoryStore(dataDir)
  try {
    const leaf = store.load(conversationId)?.conversation.branches?.leaf ?? null
    if (leaf === null) throw new Error(`conversation ${conversationId} has no message to regenerate`)
    return { type: 'regenerate', conversationId, messageId: leaf, ...(model ? { model } : {}) }
  } finally {
    store.close()
  }
}
