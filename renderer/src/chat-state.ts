// The chat column's state as a pure reducer over bridge events (and local actions), so the same
// code rebuilds a running answer from a replay: `turn_started` resets that turn's text.
import type { BridgeEvent } from '@shared/bridge'
import type { Conversation } from '@shared/history'
import type { RateLimitSnapshot } from '@shared/wire/rate-limits'
import { messageText } from '@shared/wire/items'

export interface Message {
  id: string
  role: 'user' | 'assistant' | 'notice' | 'error'
  text: string
  phase?: 'commentary' | 'final_answer'
  streaming?: boolean
}

export interface ChatState {
  conversationId: string | null
  messages: Message[]
  running: boolean
  /** The live status line: a reasoning header or a retry notice. */
  status: string | null
  model: string | null
  rateLimits: Record<string, RateLimitSnapshot>
  connection: 'open' | 'reconnecting' | 'closed'
  /** Per turn: how many messages it has produced (a commentary may precede the final answer). */
  turnParts: Record<string, { index: number; open: boolean }>
}

export const initialChat: ChatState = {
  conversationId: null,
  messages: [],
  running: false,
  status: null,
  model: null,
  rateLimits: {},
  connection: 'open',
  turnParts: {},
}

export type ChatAction =
  | { type: 'event'; event: BridgeEvent }
  | { type: 'new_chat' }
  | { type: 'user_sent'; conversationId: string; text: string }
  | { type: 'send_failed'; message: string }
  | { type: 'loaded'; conversation: Conversation }

const WARNING_PREFIX = 'Warning: '

function upsert(messages: Message[], msg: Message): Message[] {
  const i = messages.findIndex((m) => m.id === msg.id)
  if (i < 0) return [...messages, msg]
  const copy = messages.slice()
  copy[i] = msg
  return copy
}

/** The assistant message that deltas of this turn currently go to (created on demand). */
function openMessage(state: ChatState, turnId: string): { state: ChatState; id: string } {
  const part = state.turnParts[turnId] ?? { index: 0, open: false }
  if (part.open) return { state, id: `${turnId}:${part.index}` }
  const index = state.turnParts[turnId] ? part.index + 1 : 0
  const id = `${turnId}:${index}`
  return {
    id,
    state: {
      ...state,
      turnParts: { ...state.turnParts, [turnId]: { index, open: true } },
      messages: upsert(state.messages, { id, role: 'assistant', text: '', streaming: true }),
    },
  }
}

function onEvent(state: ChatState, e: BridgeEvent): ChatState {
  switch (e.type) {
    case 'rate_limits':
      return { ...state, rateLimits: { ...state.rateLimits, [e.snapshot.limit_id ?? 'default']: e.snapshot } }
    case 'host_connection':
      return { ...state, connection: e.state }
    case 'settings_changed':
    case 'hotkeys_changed':
    case 'navigate':
      return state
  }
  const cid = 'conversationId' in e ? e.conversationId : undefined
  // A window showing nothing follows the first running conversation it hears about (a replay).
  if (state.conversationId === null && cid && e.type === 'turn_started')
    state = { ...state, conversationId: cid }
  if (cid !== undefined && cid !== state.conversationId) return state

  switch (e.type) {
    case 'session_configured':
      return { ...state, model: e.model }
    case 'turn_started': {
      // Drop what an earlier copy of this turn showed: a replay starts it again from scratch.
      const prefix = `${e.turnId}:`
      const { [e.turnId]: _dropped, ...parts } = state.turnParts
      return {
        ...state,
        running: true,
        status: null,
        model: e.model,
        turnParts: parts,
        messages: state.messages.filter((m) => !m.id.startsWith(prefix)),
      }
    }
    case 'agent_message_delta': {
      const { state: s, id } = openMessage(state, e.turnId)
      const current = s.messages.find((m) => m.id === id)
      return { ...s, messages: upsert(s.messages, { ...current!, text: (current?.text ?? '') + e.delta }) }
    }
    case 'agent_message_reset': {
      const { state: s, id } = openMessage(state, e.turnId)
      const current = s.messages.find((m) => m.id === id)
      return { ...s, messages: upsert(s.messages, { ...current!, text: e.text }) }
    }
    case 'agent_message': {
      const { state: s, id } = openMessage(state, e.turnId)
      const part = s.turnParts[e.turnId]!
      return {
        ...s,
        turnParts: { ...s.turnParts, [e.turnId]: { ...part, open: false } },
        messages: upsert(s.messages, {
          id,
          role: 'assistant',
          text: e.text,
          streaming: false,
          ...(e.phase ? { phase: e.phase } : {}),
        }),
      }
    }
    case 'reasoning_header':
      return { ...state, status: e.header }
    case 'stream_retry':
      return { ...state, status: e.message }
    case 'warning':
      return {
        ...state,
        messages: [
          ...state.messages,
          { id: `w:${state.messages.length}:${e.code}`, role: 'notice', text: e.message },
        ],
      }
    case 'error':
      return {
        ...state,
        status: null,
        messages: [...state.messages, { id: `e:${state.messages.length}`, role: 'error', text: e.message }],
      }
    case 'turn_complete':
    case 'turn_aborted': {
      const aborted = e.type === 'turn_aborted' && e.reason === 'interrupted'
      const messages = state.messages.map((m) =>
        m.id.startsWith(`${e.turnId}:`) && m.streaming
          ? { ...m, streaming: false, text: aborted ? `${m.text} (stopped)` : m.text }
          : m,
      )
      return { ...state, running: false, status: null, messages }
    }
    default:
      return state
  }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'event':
      return onEvent(state, action.event)
    case 'new_chat':
      return { ...initialChat, rateLimits: state.rateLimits, connection: state.connection }
    case 'user_sent':
      return {
        ...state,
        conversationId: action.conversationId,
        running: true,
        messages: [...state.messages, { id: `u:${state.messages.length}`, role: 'user', text: action.text }],
      }
    case 'send_failed':
      return {
        ...state,
        running: false,
        messages: [
          ...state.messages,
          { id: `e:${state.messages.length}`, role: 'error', text: action.message },
        ],
      }
    case 'loaded': {
      // A turn still running here (from a replay) is shown from its events, not from history.
      const same = state.conversationId === action.conversation.summary.id
      const live = same ? state.turnParts : {}
      const messages: Message[] = []
      for (const r of action.conversation.items) {
        // The question of a live turn comes from history; its answer from the events.
        if (r.item.type !== 'message' || (r.turnId in live && r.item.role === 'assistant')) continue
        const text = messageText(r.item)
        if (r.item.role === 'user')
          messages.push({
            id: `h:${messages.length}`,
            role: text.startsWith(WARNING_PREFIX) ? 'notice' : 'user',
            text,
          })
        else if (r.item.role === 'assistant')
          messages.push({
            id: `h:${messages.length}`,
            role: 'assistant',
            text,
            ...(r.item.phase ? { phase: r.item.phase } : {}),
          })
      }
      const liveMessages = same ? state.messages.filter((m) => m.id.split(':')[0]! in live) : []
      return {
        ...initialChat,
        rateLimits: state.rateLimits,
        connection: state.connection,
        conversationId: action.conversation.summary.id,
        model: state.model ?? (action.conversation.summary.model || null),
        running: same && state.running,
        status: same ? state.status : null,
        turnParts: live,
        messages: [...messages, ...liveMessages],
      }
    }
  }
}
