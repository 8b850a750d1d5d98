// Ops: what hosts submit to the engine. Every host parses ops with these before the engine sees them.
import { z } from 'zod'
import { RealtimeOp } from './realtime'
import { TurnAttachments } from './attachments'
import { ReasoningEffort, Verbosity } from './wire/request'
import { SpeechOp } from './speech'

/** Size limits keep an untrusted renderer from flooding the engine. */
export const MAX_TEXT_CHARS = 200_000
const ConversationId = z.string().uuid()
/** A conversation's system prompt (issue 14). */
export const MAX_INSTRUCTIONS_CHARS = 20_000

export const UserTurnOp = z.strictObject({
  type: z.literal('user_turn'),
  conversationId: ConversationId.optional(),
  text: z.string().min(1).max(MAX_TEXT_CHARS),
  model: z.string().min(1).max(200).optional(),
  /** Stored attachments to send with the text (issue 14). */
  attachments: TurnAttachments.optional(),
  /** Reasoning effort and verbosity for this turn; remembered for the conversation. */
  effort: ReasoningEffort.optional(),
  verbosity: Verbosity.optional(),
  /** The conversation's instructions (system prompt); remembered for the conversation. */
  instructions: z.string().max(MAX_INSTRUCTIONS_CHARS).optional(),
})

export const InterruptOp = z.strictObject({
  type: z.literal('interrupt'),
  conversationId: ConversationId,
})

export const Op = z.discriminatedUnion('type', [
  UserTurnOp,
  InterruptOp,
  ...RealtimeOp.options,
  ...SpeechOp.options,
])
export type Op = z.infer<typeof Op>
export type UserTurnOp = z.infer<typeof UserTurnOp>
