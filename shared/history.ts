// On-disk history records: one JSON object per line, one file per conversation.
import { z } from 'zod'
import { ResponseItem } from './wire/items'
import { ReasoningEffort, Verbosity } from './wire/request'
import { CompactionMode, CompactionReason, TokenUsage, TurnTelemetry } from './turn-facts'
import { ToolRecordMeta } from './tools'

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
  /** On a `function_call_output`: which server and tool ran it, how it ended, how long it took. */
  tool: ToolRecordMeta.optional(),
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
/**
 * The model input was compacted. The file keeps every original item; for the model, the first
 * `replacesItems` item records (counted in file order from the start of the file) are replaced by
 * `replacement`. Model input on load = the last compaction's `replacement` + the item records after
 * its first `replacesItems`. Earlier compaction records are superseded (each covers from item 0).
 */
export const CompactionRecord = z.object({
  kind: z.literal('compaction'),
  id: z.string(),
  at: z.string(),
  reason: CompactionReason,
  mode: CompactionMode,
  replacesItems: z.number().int().nonnegative(),
  replacement: z.array(ResponseItem),
  tokensBefore: z.number(),
  tokensAfter: z.number(),
  itemsDropped: z.number().int(),
  /**
   * Branches (issue 13): the turn the compaction was computed on (null: before any turn). When
   * present, `replacesItems` counts the item records on the path root→`leaf`, and the record applies
   * only while the current path passes through `leaf`. Absent in older files (a straight line).
   */
  leaf: z.string().nullable().optional(),
})
/** A turn's parent (null: a first message). Written as a turn starts; older files have none. */
export const BranchRecord = z.object({
  kind: z.literal('branch'),
  turnId: z.string(),
  parent: z.string().nullable(),
  at: z.string(),
})
/** The current leaf moved (a branch switch, or an edit/regenerate starting from `turnId`). */
export const LeafRecord = z.object({ kind: z.literal('leaf'), turnId: z.string().nullable(), at: z.string() })
export const HistoryRecord = z.discriminatedUnion('kind', [
  MetaRecord,
  TitleRecord,
  ItemRecord,
  TurnRecord,
  InstructionsRecord,
  CompactionRecord,
  BranchRecord,
  LeafRecord,
])
export type HistoryRecord = z.infer<typeof HistoryRecord>
export type ItemRecord = z.infer<typeof ItemRecord>
export type TurnRecord = z.infer<typeof TurnRecord>
export type CompactionRecord = z.infer<typeof CompactionRecord>
export type BranchRecord = z.infer<typeof BranchRecord>
export type LeafRecord = z.infer<typeof LeafRecord>

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
  /** Absent in conversations that were never compacted (and from older hosts). */
  compactions: z.array(CompactionRecord).optional(),
  /**
   * The conversation is a tree (issue 13); `items`/`turns`/`compactions` are the current path only.
   * `siblings`: for each turn on the path that has siblings, every sibling's turn id in creation order.
   */
  branches: z
    .object({ leaf: z.string().nullable(), siblings: z.record(z.string(), z.array(z.string())) })
    .optional(),
})
export type Conversation = z.infer<typeof Conversation>
