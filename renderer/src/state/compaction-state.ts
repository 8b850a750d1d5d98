// The chat window's part of compaction: the meter says "Compacting…" while it runs and shows the
// drop afterwards; the transcript gets a divider where the model's context was compacted. A turn
// the engine resends after compacting (it overflowed) keeps its question on screen.
import type { BridgeEvent } from '@shared/bridge'
import type { ChatState, ContextInfo, LiveTurn } from './types'
import { COMPACTED_TEXT } from './rows'

type CompactionEvent = Extract<BridgeEvent, { type: 'compaction_started' | 'context_compacted' }>

interface Helpers {
  archive: (state: ChatState, cid: string) => ChatState
  newLive: (question: string | null, turnId: string | null, model: string | null) => LiveTurn
}

const EMPTY: ContextInfo = {
  used: null,
  contextWindow: null,
  effectiveContextWindow: null,
  autoCompactTokenLimit: null,
}

export function patchContext(state: ChatState, cid: string, patch: Partial<ContextInfo>): ChatState {
  const info = { ...(state.context[cid] ?? EMPTY), ...patch }
  return { ...state, context: { ...state.context, [cid]: info } }
}

export function onCompaction(state: ChatState, e: CompactionEvent, h: Helpers): ChatState {
  const cid = e.conversationId
  if (e.type === 'compaction_started') return patchContext(state, cid, { compacting: true })
  let s = state
  const live = s.live[cid]
  // A finished turn moves above the divider; a running one (compaction before it) stays below.
  const resend = live?.state === 'failed' && e.reason === 'overflow' ? live.question : null
  if (live && live.state !== 'running') s = h.archive(s, cid)
  if (s.currentId === cid)
    s = { ...s, rows: [...s.rows, { kind: 'divider', id: `${e.compactionId}:d`, text: COMPACTED_TEXT }] }
  if (resend !== null) s = { ...s, live: { ...s.live, [cid]: h.newLive(resend, null, null) } }
  return patchContext(s, cid, {
    compacting: false,
    compactedFrom: { tokens: e.tokensBefore, id: e.compactionId },
  })
}

/** The meter shows the drop until a turn reports new usage (the compaction's own count keeps it). */
export function keepDrop(info: ContextInfo | undefined, turnId: string): Partial<ContextInfo> {
  const drop = info?.compactedFrom
  return {
    ...(info?.compacting ? { compacting: true } : {}),
    ...(drop?.id === turnId ? { compactedFrom: drop } : {}),
  }
}
