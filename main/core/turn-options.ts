// What a user turn carries besides its text (issue 14): attachments, reasoning effort, verbosity
// and the conversation's instructions. Resolved here, before anything is recorded or sent, so a
// turn the model cannot take is refused with the reason and leaves no trace in history.
import type { UserTurnOp } from '@shared/ops'
import type { Conversation } from '@shared/history'
import type { MessageItem, ResponseItem } from '@shared/wire/items'
import type { ModelInfo } from '@shared/wire/models'
import type { ReasoningEffort, Verbosity } from '@shared/wire/request'
import { userMessage } from '@shared/wire/items'
import { AttachmentError, type AttachmentStore } from './attachments/store'
import {
  dehydrate,
  hydrate,
  refusalReason,
  resolveAttachments,
  userMessageWithAttachments,
} from './attachments/compose'
import { sniff } from './attachments/sniff'

/** What a conversation remembers between turns. */
export interface RememberedOptions {
  effort?: ReasoningEffort
  verbosity?: Verbosity
  /** undefined: the default instructions. */
  instructions?: string
}

export interface TurnOptions {
  userItem: MessageItem
  effort?: ReasoningEffort
  verbosity?: Verbosity
  /** Expands attachment references into what goes on the wire. */
  prepareInput: (items: ResponseItem[]) => ResponseItem[]
}

export type Resolved = { ok: true; options: TurnOptions } | { ok: false; reason: string }

/** An effort the model cannot take is refused rather than silently changed. */
export function effortProblem(model: ModelInfo, effort: ReasoningEffort | undefined): string | null {
  if (effort === undefined) return null
  const levels = model.supported_reasoning_levels.map((l) => l.effort)
  const name = model.display_name ?? model.slug
  if (levels.length === 0 || !model.supports_reasoning_summaries)
    return `${name} does not take a reasoning effort.`
  if (!levels.includes(effort))
    return `${name} does not support reasoning effort "${effort}" (it supports ${levels.join(', ')}).`
  return null
}

export async function resolveTurnOptions(
  op: UserTurnOp,
  model: ModelInfo,
  remembered: RememberedOptions,
  store: AttachmentStore,
  providerTakesFiles: boolean,
): Promise<Resolved> {
  // A remembered effort the newly picked model lacks falls back to its default; an explicit one is refused.
  const explicit = effortProblem(model, op.effort)
  if (explicit) return { ok: false, reason: explicit }
  const effort = op.effort ?? (effortProblem(model, remembered.effort) ? undefined : remembered.effort)
  const verbosity = model.support_verbosity ? (op.verbosity ?? remembered.verbosity) : undefined
  let userItem = userMessage(op.text)
  if (op.attachments && op.attachments.length > 0) {
    try {
      const infos = await resolveAttachments(store, op.attachments)
      const reason = refusalReason(infos, model, providerTakesFiles)
      if (reason) return { ok: false, reason }
      userItem = userMessageWithAttachments(op.text, infos)
    } catch (e) {
      if (e instanceof AttachmentError) return { ok: false, reason: e.message }
      throw e
    }
  }
  return {
    ok: true,
    options: {
      userItem,
      ...(effort ? { effort } : {}),
      ...(verbosity ? { verbosity } : {}),
      prepareInput: wireInput(store, providerTakesFiles),
    },
  }
}

/** Attachment references → the bytes the wire carries (turn requests and compaction requests). */
export function wireInput(store: AttachmentStore, providerTakesFiles: boolean) {
  return (items: ResponseItem[]): ResponseItem[] => hydrate(items, store, providerTakesFiles, sniff)
}

/** Both directions for the compaction requests: bytes out, references back for what is stored. */
export function attachmentCodec(store: AttachmentStore, providerTakesFiles: boolean) {
  return {
    prepareInput: wireInput(store, providerTakesFiles),
    storeOutput: (items: ResponseItem[]): ResponseItem[] => dehydrate(items, store),
  }
}

/** The options a loaded conversation last used. */
export function rememberedFrom(conv: Conversation): RememberedOptions {
  const out: RememberedOptions = {}
  for (const t of conv.turns) {
    if (t.effort) out.effort = t.effort
    if (t.verbosity) out.verbosity = t.verbosity
  }
  if (conv.instructions) out.instructions = conv.instructions
  return out
}
