// `conversations.export`: the document is written from the history file (read only); the host
// names the file.
import type { ExportFormat } from '@shared/export'
import { HistoryStore } from '../core/history/store'
import { exportConversation } from '../core/export/export'

const MIME: Record<ExportFormat, string> = {
  md: 'text/markdown',
  html: 'text/html',
  json: 'application/json',
}

export function exportQuery(
  dataDir: string,
  id: string,
  format: ExportFormat,
): { filename: string; mime: string; text: string } | null {
  const store = new HistoryStore(dataDir)
  let text: string | null
  try {
    text = store.exists(id) ? exportConversation(store, id, format) : null
  } finally {
    store.close()
  }
  if (text === null) return null
  return { filename: `conversation-${id.slice(0, 8)}.${format}`, mime: MIME[format], text }
}
