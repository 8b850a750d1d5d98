// Ops: what hosts submit to the engine. Every host parses ops with these before the engine sees them.
import { z } from 'zod'
import { RealtimeOp } from './realtime'
import { TurnAttachments } from './attachments'
import { ReasoningEffort, Verbosity } from './wire/request'
import { ToolApprovalOp } from './tools'
import { SpeechOp } from './speech'
import { BranchOp } from './branches'

/** Size limits keep an untrusted renderer from flooding the engine. */
export const MAX_TEXT_CHARS = 200_000
const ConversationId = z.string().uuid()
/** A conversation's system prompt (issue 14). */
export const MAX_INSTRUCTIONS_CHARS = 20_000

export const UserTurnOp = z
  .strictObject({
    type: z.literal('user_turn'),
    conversationId: ConversationId.optional(),
    /** May be empty when the message is only attachments (a pasted screenshot and Enter). */
    text: z.string().max(MAX_TEXT_CHARS),
    model: z.string().min(1).max(200).optional(),
    /** Stored attachments to send with the text (issue 14). */
    attachments: TurnAttachments.optional(),
    /** Reasoning effort and verbosity for this turn; remembered for the conversation. */
    effort: ReasoningEffort.optional(),
    verbosity: Verbosity.optional(),
    /** The conversation's instructions (system prompt); remembered for the conversation. */
    instructions: z.string().max(MAX_INSTRUCTIONS_CHARS).optional(),
    /** Offer the hosted web search tool this turn (where the provider supports it). */
    webSearch: z.boolean().optional(),
  })
  .refine((op) => op.text.trim() !== '' || (op.attachments?.length ?? 0) > 0, {
    message: 'a message needs text or an attachment',
    path: ['text'],
  })

export const InterruptOp = z.strictObject({
  type: z.literal('interrupt'),
  conversationId: ConversationId,
})

/** Compact the model input now; `retry` resends the last turn's message once if it failed for lack of room. */
export const CompactOp = z.strictObject({
  type: z.literal('compact'),
  conversationId: ConversationId,
  retry: z.boolean().optional(),
})

export const Op = z.discriminatedUnion('type', [
  UserTurnOp,
  InterruptOp,
  ...RealtimeOp.options,
  ToolApprovalOp,
  ...SpeechOp.options,
  CompactOp,
  ...BranchOp.options,
])
export type Op = z.infer<typeof Op>
export type UserTurnOp = z.infer<typeof UserTurnOp>
export type CompactOp = z.infer<typeof CompactOp>
