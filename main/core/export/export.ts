// One entry point for every export format (CLI, hosts).
import type { ExportFormat } from '@shared/export'
import type { HistoryStore } from '../history/store'
import { conversationMarkdown } from './markdown'
import { conversationHtml } from './html'
import { conversationJson } from './json'

/** The conversation in `format` (md/html: its current branch; json: the whole tree), or null if unknown. */
export function exportConversation(store: HistoryStore, id: string, format: ExportFormat): string | null {
  if (format === 'json') {
    const j = conversationJson(store, id)
    return j ? JSON.stringify(j, null, 1) + '\n' : null
  }
  const c = store.load(id)?.conversation
  if (!c) return null
  return format === 'md' ? conversationMarkdown(c) : conversationHtml(c)
}
