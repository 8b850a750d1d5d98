// JSON export of a whole conversation tree (shared/export.ts), and its import.
import { CONVERSATION_EXPORT_FORMAT, CONVERSATION_EXPORT_VERSION, ConversationExport } from '@shared/export'
import type { HistoryStore } from '../history/store'

export function conversationJson(store: HistoryStore, id: string): ConversationExport | null {
  const full = store.loadFull(id)
  const records = store.records(id)
  if (!full || !records) return null
  return {
    format: CONVERSATION_EXPORT_FORMAT,
    version: CONVERSATION_EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    id,
    title: full.conversation.summary.title,
    records,
    tree: {
      leaf: full.tree.leaf,
      nodes: [...full.tree.nodes.values()].map((n) => ({ turnId: n.turnId, parent: n.parent })),
    },
  }
}

/** Imports an export; refuses a malformed file or an id that already exists, and changes nothing then. */
export function importConversationJson(store: HistoryStore, text: string): string {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new Error('not a conversation export: the file is not JSON')
  }
  const version = (raw as { version?: unknown } | null)?.version
  if (typeof version === 'number' && version > CONVERSATION_EXPORT_VERSION)
    throw new Error(
      `this export is version ${version}; this app reads version ${CONVERSATION_EXPORT_VERSION}`,
    )
  const parsed = ConversationExport.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(
      `not a conversation export: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`,
    )
  }
  const { id, records } = parsed.data
  if (store.exists(id)) throw new Error(`conversation ${id} already exists`)
  store.writeRecords(id, records)
  return id
}
