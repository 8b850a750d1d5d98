// Branches (issue 13): ops that edit, regenerate and switch, and the event that says the current
// path changed. `messageId` is the turn id of the message (the `turnId` of its history records).
// The event carries the new path itself, so a window redraws without asking for the file again.
import { z } from 'zod'
import { Conversation } from './history'

const ConversationId = z.string().uuid()
const TurnId = z.string().min(1).max(100)

/** The edited text becomes a sibling of the user message of turn `messageId`; the turn runs from there. */
export const EditTurnOp = z.strictObject({
  type: z.literal('edit_turn'),
  conversationId: ConversationId,
  messageId: TurnId,
  text: z.string().min(1).max(200_000),
})

/** A new answer to turn `messageId`'s message, as its sibling; optionally with another model. */
export const RegenerateOp = z.strictObject({
  type: z.literal('regenerate'),
  conversationId: ConversationId,
  messageId: TurnId,
  model: z.string().min(1).max(200).optional(),
})

/** Show the branch through turn `messageId`, down to its last leaf. */
export const SwitchBranchOp = z.strictObject({
  type: z.literal('switch_branch'),
  conversationId: ConversationId,
  messageId: TurnId,
})

export const BranchOp = z.discriminatedUnion('type', [EditTurnOp, RegenerateOp, SwitchBranchOp])
export type BranchOp = z.infer<typeof BranchOp>
export type EditTurnOp = z.infer<typeof EditTurnOp>
export type RegenerateOp = z.infer<typeof RegenerateOp>

/** The current path changed (switch, or an edit/regenerate began or ended). */
export const ConversationTreeEvent = z.object({
  type: z.literal('conversation_tree'),
  conversationId: z.string(),
  /** The conversation on its new path, as `conversations.load` returns it (leaf and siblings in `branches`). */
  conversation: Conversation,
  /** Why: a switch, or an edit/regenerate that starts (`begin`) or ended (`end`). */
  cause: z.enum(['switch', 'begin', 'end']),
})
