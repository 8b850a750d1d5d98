// Export formats (issue 13). The JSON export is our own documented, versioned schema: every
// history record of one conversation (all branches), so an import rebuilds the same tree.
import { z } from 'zod'
import { HistoryRecord } from './history'

export const ExportFormat = z.enum(['md', 'json', 'html'])
export type ExportFormat = z.infer<typeof ExportFormat>

export const CONVERSATION_EXPORT_FORMAT = 'assistant.conversation'
export const CONVERSATION_EXPORT_VERSION = 1

export const ConversationExport = z.object({
  format: z.literal(CONVERSATION_EXPORT_FORMAT),
  /** Bumped when a reader of the previous version could misread a file. */
  version: z.literal(CONVERSATION_EXPORT_VERSION),
  exportedAt: z.string(),
  id: z.string().uuid(),
  title: z.string(),
  /** The file's records in order (shared/history.ts): meta, items, turns, titles, compactions, branch and leaf records. */
  records: z.array(HistoryRecord),
  /** The tree's shape when exported (informative; `records` alone rebuild it). */
  tree: z.object({
    leaf: z.string().nullable(),
    nodes: z.array(z.object({ turnId: z.string(), parent: z.string().nullable() })),
  }),
})
export type ConversationExport = z.infer<typeof ConversationExport>
