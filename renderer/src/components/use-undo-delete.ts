// Deleting a conversation with "Undo": it is hidden at once and deleted only when the toast's time
// runs out; Undo in time cancels it. Leaving the deleted conversation opens a new chat.
import { useCallback, useRef, useState } from 'react'
import { bridge } from '../bridge'
import type { ChatAction } from '../state/chat-state'
import type { PendingDelete } from './UndoToast'

const UNDO_MS = 6000

export function useUndoDelete({
  currentId,
  newChat,
  refreshList,
  onError,
  dispatch,
}: {
  currentId: string | null
  newChat: () => void
  refreshList: () => void
  onError: (message: string) => void
  dispatch: (a: ChatAction) => void
}) {
  const [pending, setPending] = useState<PendingDelete[]>([])
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>())

  const remove = useCallback(
    (c: PendingDelete) => {
      setPending((p) => [...p.filter((x) => x.id !== c.id), c])
      if (currentId === c.id) newChat()
      timers.current.set(
        c.id,
        setTimeout(() => {
          timers.current.delete(c.id)
          setPending((p) => p.filter((x) => x.id !== c.id))
          dispatch({ type: 'forget', id: c.id })
          bridge
            .query('conversations.delete', { id: c.id })
            .then(refreshList, (e: Error) => onError(e.message))
        }, UNDO_MS),
      )
    },
    [currentId, refreshList, newChat, onError, dispatch],
  )

  const undo = useCallback((id: string) => {
    clearTimeout(timers.current.get(id))
    timers.current.delete(id)
    setPending((p) => p.filter((x) => x.id !== id))
  }, [])

  return { pending, remove, undo }
}
