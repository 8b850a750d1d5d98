// Edit, regenerate and switch (issue 13). An edit or a regeneration is a new turn whose parent is
// the parent of the turn it replaces, so it becomes that turn's sibling; a switch moves the current
// leaf to the last leaf under the chosen turn. The session runs the turn as any other.
import type { BranchOp } from '@shared/branches'
import type { EngineEvent } from '@shared/events'
import type { Conversation } from '@shared/history'
import type { UserTurnOp } from '@shared/ops'
import type { TurnAttachment } from '@shared/attachments'
import { turnAttachmentsOf } from '../attachments/compose'
import { messageText, type ResponseItem } from '@shared/wire/items'
import type { HistoryStore } from './store'
import { deepestLeaf, projectPath } from './tree'

export interface BranchDeps {
  store: HistoryStore
  emit: (e: EngineEvent) => void
  /** The session's loaded conversations: whether a turn runs, and the model input to rebuild. */
  conversations: { get(id: string): { running: unknown; history: ResponseItem[] } | undefined }
  compaction: { loaded(id: string, c: Conversation): ResponseItem[] }
  /** Runs a user turn whose parent is `parent` (the session calls `startFrom` first). */
  runTurn: (op: UserTurnOp, parent: string | null) => Promise<void>
}

export class BranchOps {
  private readonly d: BranchDeps & {
    running: (id: string) => boolean
    reload: (id: string, path: Conversation) => void
  }

  constructor(deps: BranchDeps) {
    this.d = {
      ...deps,
      running: (id) => !!deps.conversations.get(id)?.running,
      // The current path changed on disk: rebuild the in-memory model input from it.
      reload: (id, path) => {
        const conv = deps.conversations.get(id)
        if (conv) conv.history = deps.compaction.loaded(id, path)
      },
    }
  }

  async submit(op: BranchOp): Promise<void> {
    const { d } = this
    const id = op.conversationId
    if (d.running(id)) return this.fail(id, 'A turn is running in this conversation; stop it first.')
    const full = d.store.exists(id) ? d.store.loadFull(id) : null
    const node = full?.tree.nodes.get(op.messageId)
    if (!full || !node) return this.fail(id, `No message ${op.messageId} in this conversation.`, 'not_found')
    if (op.type === 'switch_branch') {
      // The file was just read: project the new path from it instead of reading it again.
      const leaf = deepestLeaf(full.tree, op.messageId)
      d.store.setLeaf(id, leaf)
      this.changed(id, 'switch', projectPath(full.conversation, full.tree, leaf))
      return
    }
    // An edit or a regeneration keeps the original message's attachments.
    const q = questionOf(full.conversation, op.messageId)
    const text = op.type === 'edit_turn' ? op.text : q?.text
    // A message of attachments alone has no text, and is answered again all the same.
    if (text === undefined || (!text.trim() && !q?.attachments.length))
      return this.fail(id, 'That turn has no message to answer again.')
    const model = op.type === 'regenerate' && op.model ? { model: op.model } : {}
    const attachments = q?.attachments.length ? { attachments: q.attachments } : {}
    await d.runTurn({ type: 'user_turn', conversationId: id, text, ...model, ...attachments }, node.parent)
    const after = d.store.load(id)
    if (after)
      this.d.emit({
        type: 'conversation_tree',
        conversationId: id,
        conversation: after.conversation,
        cause: 'end',
      })
  }

  /** Before an edited or regenerated turn runs: the path ends at its parent. */
  startFrom(id: string, parent: string | null): void {
    this.d.store.setLeaf(id, parent)
    const path = this.d.store.load(id)
    if (path) this.changed(id, 'begin', path.conversation)
  }

  /** The model input follows the new path, and the window gets it in the event. */
  private changed(id: string, cause: 'switch' | 'begin', path: Conversation): void {
    this.d.reload(id, path)
    this.d.emit({ type: 'conversation_tree', conversationId: id, conversation: path, cause })
  }

  private fail(id: string, message: string, code: 'bad_request' | 'not_found' = 'bad_request'): void {
    this.d.emit({ type: 'error', conversationId: id, message, code, fatal: false })
  }
}

/** The user's message of a turn and its attachments (notices stored as user messages are skipped). */
function questionOf(c: Conversation, turnId: string): { text: string; attachments: TurnAttachment[] } | null {
  for (const r of c.items) {
    if (r.turnId !== turnId || r.item.type !== 'message' || r.item.role !== 'user') continue
    const text = messageText(r.item)
    if (text.startsWith('Warning: ')) continue
    return { text, attachments: turnAttachmentsOf(r.item) }
  }
  return null
}
