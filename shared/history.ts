// On-disk history records: one JSON object per line, one file per conversation.
import { z } from 'zod'
import { ResponseItem } from './wire/items'
import { TokenUsage, TurnTelemetry } from './events'
import { ReasoningEffort, Verbosity } from './wire/request'

export const HISTORY_VERSION = 1

export const MetaRecord = z.object({
  kind: z.literal('meta'),
  version: z.number().int(),
  id: z.string(),
  createdAt: z.string(),
  provider: z.string(),
  model: z.string(),
})
export const TitleRecord = z.object({ kind: z.literal('title'), title: z.string(), at: z.string() })
export const ItemRecord = z.object({
  kind: z.literal('item'),
  turnId: z.string(),
  at: z.string(),
  item: ResponseItem,
  /** The item was cut short (interrupt or failure); its text is what the user saw. */
  partial: z.boolean().optional(),
})
export const TurnRecord = z.object({
  kind: z.literal('turn'),
  turnId: z.string(),
  at: z.string(),
  status: z.enum(['completed', 'interrupted', 'failed']),
  model: z.string(),
  serverModel: z.string().nullable(),
  responseId: z.string().nullable(),
  usage: TokenUsage.nullable(),
  error: z.string().optional(),
  telemetry: TurnTelemetry.optional(),
  /** The effort and verbosity the turn asked for (issue 14); absent in older files. */
  effort: ReasoningEffort.optional(),
  verbosity: Verbosity.optional(),
})
/** The conversation's instructions (system prompt) from here on; '' = the default. */
export const InstructionsRecord = z.object({
  kind: z.literal('instructions'),
  instructions: z.string(),
  at: z.string(),
})
export const HistoryRecord = z.discriminatedUnion('kind', [
  MetaRecord,
  TitleRecord,
  ItemRecord,
  TurnRecord,
  InstructionsRecord,
])
export type HistoryRecord = z.infer<typeof HistoryRecord>
export type ItemRecord = z.infer<typeof ItemRecord>
export type TurnRecord = z.infer<typeof TurnRecord>

export const ConversationSummary = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  model: z.string(),
  provider: z.string(),
  turns: z.number().int(),
})
export type ConversationSummary = z.infer<typeof ConversationSummary>

export const Conversation = z.object({
  summary: ConversationSummary,
  items: z.array(ItemRecord),
  turns: z.array(TurnRecord),
  /** The latest instructions set for this conversation (absent: the default). */
  instructions: z.string().optional(),
})
export type Conversation = z.infer<typeof Conversation>
