// Which conversation has the engine's voice session (it runs one at a time, whichever window
// started it), from `realtime_started` / `realtime_closed`.
import { useEffect, useRef, useState } from 'react'
import type { AssistantBridge } from '@shared/bridge'

export function useRunningVoice(bridge: AssistantBridge): string | null {
  const [running, setRunning] = useState<string | null>(null)
  useEffect(
    () =>
      bridge.onEvent((e) => {
        if (e.type === 'realtime_started') setRunning(e.conversationId)
        else if (e.type === 'realtime_closed') setRunning((r) => (r === e.conversationId ? null : r))
      }),
    [bridge],
  )
  return running
}

/**
 * The voice transcripts of `conversationId` land in its history: reload it when a transcript is
 * complete (batched), so both sides show up in the conversation as they are said.
 */
export function useTranscriptReload(
  bridge: AssistantBridge,
  conversationId: string | null,
  reload: (id: string) => void,
): void {
  const latest = useRef(reload)
  latest.current = reload
  useEffect(() => {
    if (!conversationId) return
    let timer: ReturnType<typeof setTimeout> | null = null
    const off = bridge.onEvent((e) => {
      const done =
        (e.type === 'realtime_event' &&
          e.conversationId === conversationId &&
          (e.payload.kind === 'input_transcript_done' || e.payload.kind === 'output_transcript_done')) ||
        (e.type === 'realtime_closed' && e.conversationId === conversationId)
      if (!done) return
      timer ??= setTimeout(() => {
        timer = null
        latest.current(conversationId)
      }, 150)
    })
    return () => {
      off()
      if (timer) clearTimeout(timer)
    }
  }, [bridge, conversationId])
}
