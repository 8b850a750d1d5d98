// Tool events on a live turn: call rows (approval, running, result), the "Searching the web…"
// status line, and citations attached to the answer they belong to.
import type { EngineEventOf } from '@shared/events'
import type { LiveTurn } from './types'
import { applyToolEvent } from './tool-rows'
import { tr } from '../i18n/intl'

type Ev =
  | EngineEventOf<'tool_approval_request'>
  | EngineEventOf<'tool_call_started'>
  | EngineEventOf<'tool_call_finished'>
  | EngineEventOf<'web_search'>
  | EngineEventOf<'message_citations'>

export function toolEvent(l: LiveTurn, e: Ev): Partial<LiveTurn> {
  switch (e.type) {
    case 'web_search': {
      if (e.status === 'completed' || e.status === 'failed') return { status: null }
      const searching = tr('status.searching')
      if (e.query) return { status: tr('status.searchingFor', { query: e.query }) }
      return { status: l.status?.startsWith(searching) ? l.status : searching }
    }
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
