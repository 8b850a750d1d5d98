// "Compact now" (context meter) and "Compact and retry" (an error that the context was full):
// both submit the `compact` op; with `retry` the engine resends the failed message once.
import { useCallback } from 'react'
import { bridge } from '../bridge'

export function useCompactActions(conversationId: string | null) {
  const submit = useCallback(
    (retry: boolean) => {
      if (!conversationId) return
      void bridge
        .submit({ type: 'compact', conversationId, ...(retry ? { retry } : {}) })
        .catch(() => undefined)
    },
    [conversationId],
  )
  const now = useCallback(() => submit(false), [submit])
  const retry = useCallback(() => submit(true), [submit])
  return { now: conversationId ? now : undefined, retry }
}
