// Tool events on a live turn: call rows (approval, running, result), the "Searching the web…"
// status line, and citations attached to the answer they belong to.
import type { EngineEventOf } from '@shared/events'
import type { LiveTurn } from './types'
import { applyToolEvent } from './tool-rows'

type Ev =
  | EngineEventOf<'tool_approval_request'>
  | EngineEventOf<'tool_call_started'>
  | EngineEventOf<'tool_call_finished'>
  | EngineEventOf<'web_search'>
  | EngineEventOf<'message_citations'>

const SEARCHING = 'Searching the web…'

export function toolEvent(l: LiveTurn, e: Ev): Partial<LiveTurn> {
  switch (e.type) {
    case 'web_search':
      if (e.status === 'completed' || e.status === 'failed') return { status: null }
      if (e.query) return { status: `${SEARCHING} “${e.query}”` }
      return { status: l.status?.startsWith(SEARCHING) ? l.status : SEARCHING }
    case 'message_citations': {
      const i = l.rows.findLastIndex((r) => r.kind === 'assistant')
      if (i < 0) return {}
      const rows = l.rows.slice()
      rows[i] = {
        ...(rows[i] as Extract<LiveTurn['rows'][number], { kind: 'assistant' }>),
        citations: e.citations,
      }
      return { rows }
    }
    default:
      return { rows: applyToolEvent(l.rows, e), status: null }
  }
}
