// The window's side of branches (issue 13): ops for edit/regenerate/switch, and the shown path
// replaced by the one the engine sends whenever it changed (`conversation_tree`).
import { useEffect, useMemo } from 'react'
import { bridge } from '../bridge'
import type { ChatAction } from '../state/chat-state'
import { turnOfRow, type Row } from '../state/rows'
import type { BranchActions } from './BranchControls'

export function useBranches(
  cid: string | null,
  rows: Row[],
  busy: boolean,
  models: string[],
  dispatch: (a: ChatAction) => void,
  onError: (message: string) => void,
): BranchActions {
  useEffect(
    () =>
      bridge.onEvent((e) => {
        if (e.type === 'conversation_tree' && e.conversationId === cid)
          dispatch({ type: 'reloaded', conversation: e.conversation })
      }),
    [cid, dispatch],
  )
  return useMemo(() => {
    const run = (op: Parameters<typeof bridge.submit>[0]) =>
      void bridge.submit(op).catch((e: Error) => onError(e.message))
    const questionOf = (turnId: string) => {
      const r = rows.find((x) => x.kind === 'user' && turnOfRow(x.id) === turnId)
      return r?.kind === 'user' ? r.text : undefined
    }
    return {
      busy,
      models,
      onEdit: (messageId, text) => {
        if (!cid) return
        dispatch({ type: 'user_sent', conversationId: cid, text })
        run({ type: 'edit_turn', conversationId: cid, messageId, text })
      },
      onRegenerate: (messageId, model) => {
        if (!cid) return
        const q = questionOf(messageId)
        if (q) dispatch({ type: 'user_sent', conversationId: cid, text: q })
        run({ type: 'regenerate', conversationId: cid, messageId, ...(model ? { model } : {}) })
      },
      onSwitch: (messageId) => cid && run({ type: 'switch_branch', conversationId: cid, messageId }),
    }
  }, [cid, rows, busy, models, dispatch, onError])
}
