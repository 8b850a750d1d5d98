// `conversations.export`: the engine writes the document; the host names the file.
import type { ExportFormat } from '@shared/export'
import type { Engine } from '../core/api'

const MIME: Record<ExportFormat, string> = {
  md: 'text/markdown',
  html: 'text/html',
  json: 'application/json',
}

export async function exportQuery(
  engine: Engine,
  id: string,
  format: ExportFormat,
): Promise<{ filename: string; mime: string; text: string } | null> {
  const text = (await engine.exportConversation?.(id, format)) ?? null
  if (text === null) return null
  return { filename: `conversation-${id.slice(0, 8)}.${format}`, mime: MIME[format], text }
}
