// The chat window's state as a pure reducer over bridge events and local actions. Streaming text
// is NOT here (see stream/stream-store.ts): deltas would otherwise re-render the app 200 times a
// second. A live turn says only that a message is streaming; its text lives in the stream store.
import type { BridgeEvent } from '@shared/bridge'
import type { Conversation, TurnRecord } from '@shared/history'
import { splitReasoningBlock } from '@shared/reasoning'
import { historyRows, lastUsage, noticeRow, questionOf, type Row } from './rows'
import { toolEvent } from './tool-events'
import { keepDrop, onCompaction, patchContext } from './compaction-state'
import type { ChatState, LiveTurn, TurnDiag } from './types'

export type { ChatState, ContextInfo, LiveTurn, TurnDiag } from './types'

export const initialChat: ChatState = {
  currentId: null,
  rows: [],
  loaded: true,
  live: {},
  diags: {},
  context: {},
  models: {},
  rateLimits: {},
  connection: 'open',
  session: null,
  banner: null,
}

export type ChatAction =
  | { type: 'event'; event: BridgeEvent; leftover?: string }
  | { type: 'new_chat' }
  | { type: 'open'; id: string }
  | { type: 'loaded'; conversation: Conversation }
  | { type: 'user_sent'; conversationId: string; text: string; attachments?: LiveTurn['attachments'] }
  | { type: 'send_failed'; conversationId: string; message: string }
  | { type: 'dismiss_banner' }
  | { type: 'forget'; id: string }
  /** History changed outside a turn (voice transcripts): show it all, a finished live turn included. */
  | { type: 'reloaded'; conversation: Conversation }

function newLive(question: string | null, turnId: string | null, model: string | null): LiveTurn {
  return {
    turnId,
    question,
    model,
    serverModel: null,
    status: null,
    rows: [],
    streaming: false,
    streamingPhase: null,
    state: 'running',
    error: null,
  }
}

/** A finished live turn as plain rows (it moves into the virtualised list). */
export function liveRows(l: LiveTurn): Row[] {
  const id = l.turnId ?? 'pending'
  const out: Row[] = []
  const q = l.question
  if (q !== null) out.push({ kind: 'user', id: `${id}:q`, text: q, attachments: l.attachments })
  out.push(...l.rows)
  if (l.error)
    out.push({
      kind: 'error',
      id: `${id}:err`,
      message: l.error.message,
      code: l.error.code,
      ...(l.question ? { retryText: l.question } : {}),
    })
  return out
}

function archive(state: ChatState, cid: string): ChatState {
  const l = state.live[cid]
  if (!l) return state
  const { [cid]: _gone, ...live } = state.live
  const rows = state.currentId === cid ? [...state.rows, ...liveRows(l)] : state.rows
  return { ...state, live, rows }
}

function patchLive(state: ChatState, cid: string, patch: (l: LiveTurn) => Partial<LiveTurn>): ChatState {
  const l = state.live[cid]
  if (!l) return state
  return { ...state, live: { ...state.live, [cid]: { ...l, ...patch(l) } } }
}

function patchDiag(state: ChatState, cid: string, turnId: string, patch: (d: TurnDiag) => Partial<TurnDiag>) {
  const list = state.diags[cid] ?? []
  const i = list.findIndex((d) => d.turnId === turnId)
  if (i < 0) return state
  const copy = list.slice()
  copy[i] = { ...list[i]!, ...patch(list[i]!) }
  return { ...state, diags: { ...state.diags, [cid]: copy } }
}

function onTurnStarted(state: ChatState, cid: string, turnId: string, model: string): ChatState {
  const existing = state.live[cid]
  let s = state
  if (existing && existing.turnId === turnId) {
    // A replay (reload, reconnect) starts the turn again from scratch: drop what it showed.
    s = patchLive(s, cid, () => ({
      rows: [],
      status: null,
      streaming: false,
      streamingPhase: null,
      state: 'running',
      error: null,
    }))
  } else if (existing && existing.turnId === null) {
    s = patchLive(s, cid, () => ({ turnId, model }))
  } else {
    s = archive(s, cid)
    s = { ...s, live: { ...s.live, [cid]: newLive(null, turnId, model) } }
  }
  // A window showing nothing follows the first running conversation it hears about.
  if (s.currentId === null && s.rows.length === 0) s = { ...s, currentId: cid, loaded: false }
  const diags = (s.diags[cid] ?? []).filter((d) => d.turnId !== turnId)
  diags.push({
    turnId,
    status: 'running',
    model,
    serverModel: null,
    at: new Date().toISOString(),
    telemetry: null,
    retries: 0,
    fallbacks: [],
  })
  return { ...s, diags: { ...s.diags, [cid]: diags }, models: { ...s.models, [cid]: model } }
}

function onEvent(state: ChatState, e: BridgeEvent, leftover: string | undefined): ChatState {
  switch (e.type) {
    case 'rate_limits':
      return { ...state, rateLimits: { ...state.rateLimits, [e.snapshot.limit_id ?? 'codex']: e.snapshot } }
    case 'host_connection':
      return { ...state, connection: e.state }
    case 'session_configured':
      return { ...state, session: { model: e.model, provider: e.provider, modelsSource: e.modelsSource } }
    default:
      break
  }
  const cid = 'conversationId' in e ? e.conversationId : undefined
  if (cid == null) {
    if (e.type === 'error' || (e.type === 'warning' && e.code !== 'history_recovered'))
      return { ...state, banner: e.message }
    return state
  }
  switch (e.type) {
    case 'turn_started':
      return onTurnStarted(state, cid, e.turnId, e.model)
    case 'agent_message_delta':
    case 'agent_message_reset':
      return state.live[cid]?.streaming ? state : patchLive(state, cid, () => ({ streaming: true }))
    case 'agent_message_started':
      return patchLive(state, cid, () => ({ streamingPhase: e.phase ?? null }))
    case 'agent_message':
      return patchLive(state, cid, (l) => ({
        streaming: false,
        streamingPhase: null,
        rows: [
          ...l.rows,
          {
            kind: 'assistant',
            id: `${e.turnId}:m${l.rows.length}`,
            text: e.text,
            ...(e.phase ? { phase: e.phase } : {}),
          },
        ],
      }))
    case 'reasoning_header':
      return patchLive(state, cid, () => ({ status: e.header }))
    case 'reasoning_summary': {
      const cell = splitReasoningBlock(e.text)
      if (!cell) return state
      return patchLive(state, cid, (l) => ({
        rows: [...l.rows, { kind: 'reasoning', id: `${e.turnId}:r${l.rows.length}`, ...cell }],
      }))
    }
    case 'server_model':
      return patchDiag(
        patchLive(state, cid, () => ({ serverModel: e.model })),
        cid,
        e.turnId,
        () => ({ serverModel: e.model }),
      )
    case 'model_reroute':
      return patchLive(state, cid, (l) => ({
        rows: [
          ...l.rows,
          {
            kind: 'notice',
            id: `${e.turnId}:n${l.rows.length}`,
            text: '',
            reroute: { requested: e.fromModel, served: e.toModel },
          },
        ],
      }))
    case 'warning': {
      const s =
        e.code === 'transport_fallback' && e.turnId
          ? patchDiag(state, cid, e.turnId, (d) => ({ fallbacks: [...d.fallbacks, e.message] }))
          : state
      return patchLive(s, cid, (l) => {
        // `model_reroute` and its warning are one reroute: give the notice its words.
        const last = l.rows.at(-1)
        if (e.code === 'model_reroute' && last?.kind === 'notice' && last.reroute && last.text === '')
          return { rows: [...l.rows.slice(0, -1), { ...last, text: e.message }] }
        return { rows: [...l.rows, noticeRow(`${e.turnId ?? 'w'}:n${l.rows.length}`, e.message)] }
      })
    }
    case 'stream_retry':
      return patchDiag(
        patchLive(state, cid, () => ({ status: e.message })),
        cid,
        e.turnId,
        (d) => ({ retries: d.retries + 1 }),
      )
    case 'token_count':
      return {
        ...state,
        context: {
          ...state.context,
          [cid]: {
            ...keepDrop(state.context[cid], e.turnId),
            used: e.usage.total_tokens,
            contextWindow: e.contextWindow,
            effectiveContextWindow: e.effectiveContextWindow,
            autoCompactTokenLimit: e.autoCompactTokenLimit,
          },
        },
      }
    case 'telemetry':
      return patchDiag(state, cid, e.turnId, () => ({ telemetry: e.telemetry }))
    case 'tool_approval_request':
    case 'tool_call_started':
    case 'tool_call_finished':
    case 'web_search':
    case 'message_citations':
      return patchLive(state, cid, (l) => toolEvent(l, e))
    case 'compaction_started':
    case 'context_compacted':
      return onCompaction(state, e, { archive, newLive })
    case 'error': {
      if (state.context[cid]?.compacting) state = patchContext(state, cid, { compacting: false })
      if (!e.fatal && !state.live[cid]) return { ...state, banner: e.message }
      if (!e.fatal)
        return patchLive(state, cid, (l) => ({
          rows: [...l.rows, noticeRow(`${e.turnId ?? 'e'}:n${l.rows.length}`, e.message)],
        }))
      if (!state.live[cid]) return { ...state, banner: e.message }
      return patchLive(state, cid, () => ({
        error: { message: e.message, code: e.code, ...(e.httpStatus ? { httpStatus: e.httpStatus } : {}) },
        status: null,
      }))
    }
    case 'turn_complete':
    case 'turn_aborted': {
      const status =
        e.type === 'turn_complete' ? 'completed' : e.reason === 'interrupted' ? 'interrupted' : 'failed'
      const s = patchDiag(state, cid, e.turnId, () => ({ status }))
      return patchLive(s, cid, (l) => ({
        state: status,
        status: null,
        streaming: false,
        // Text shown but never completed (an interrupt): kept, marked as cut short.
        rows: leftover
          ? [
              ...l.rows,
              {
                kind: 'assistant',
                id: `${e.turnId}:p${l.rows.length}`,
                text: leftover,
                partial: true,
                ...(l.streamingPhase ? { phase: l.streamingPhase } : {}),
              },
            ]
          : l.rows,
      }))
    }
    default:
      return state
  }
}

function diagsFrom(turns: TurnRecord[]): TurnDiag[] {
  return turns.map((t) => ({
    turnId: t.turnId,
    status: t.status,
    model: t.model,
    serverModel: t.serverModel,
    at: t.at,
    telemetry: t.telemetry ?? null,
    retries: t.telemetry?.retries ?? 0,
    fallbacks: [],
  }))
}

function onLoaded(state: ChatState, c: Conversation): ChatState {
  const cid = c.summary.id
  if (state.currentId !== cid) return state
  const live = state.live[cid]
  const skip = new Set<string>(live?.turnId ? [live.turnId] : [])
  let s: ChatState = { ...state, rows: historyRows(c, skip), loaded: true }
  if (live?.turnId && live.question === null)
    s = patchLive(s, cid, () => ({ question: questionOf(c, live.turnId!) }))
  const stored = diagsFrom(c.turns)
  const storedIds = new Set(stored.map((d) => d.turnId))
  const liveDiags = (state.diags[cid] ?? []).filter((d) => !storedIds.has(d.turnId))
  const used = lastUsage(c)
  return {
    ...s,
    diags: { ...s.diags, [cid]: [...stored, ...liveDiags] },
    models: c.summary.model && !s.models[cid] ? { ...s.models, [cid]: c.summary.model } : s.models,
    context:
      used !== null && !s.context[cid]
        ? {
            ...s.context,
            [cid]: { used, contextWindow: null, effectiveContextWindow: null, autoCompactTokenLimit: null },
          }
        : s.context,
  }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'event':
      return onEvent(state, action.event, action.leftover)
    case 'new_chat':
      return { ...state, currentId: null, rows: [], loaded: true }
    case 'open':
      if (state.currentId === action.id) return state
      return { ...state, currentId: action.id, rows: [], loaded: false }
    case 'loaded':
      return onLoaded(state, action.conversation)
    case 'user_sent': {
      const cid = action.conversationId
      let s: ChatState =
        state.currentId === cid ? state : { ...state, currentId: cid, rows: [], loaded: true }
      s = archive(s, cid)
      const live = { ...newLive(action.text, null, null), attachments: action.attachments }
      return { ...s, live: { ...s.live, [cid]: live } }
    }
    case 'send_failed':
      return patchLive(state, action.conversationId, () => ({
        state: 'failed',
        error: { message: action.message, code: 'internal' },
      }))
    case 'dismiss_banner':
      return { ...state, banner: null }
    case 'forget': {
      const { [action.id]: _l, ...live } = state.live
      const base = { ...state, live }
      return state.currentId === action.id ? { ...base, currentId: null, rows: [], loaded: true } : base
    }
    case 'reloaded': {
      const cid = action.conversation.summary.id
      const l = state.live[cid]
      if (l?.state === 'running') return onLoaded(state, action.conversation)
      const { [cid]: _done, ...live } = state.live
      return onLoaded({ ...state, live }, action.conversation)
    }
  }
}

/** The live turn of the shown conversation, if any. */
export function currentLive(state: ChatState): LiveTurn | null {
  return state.currentId ? (state.live[state.currentId] ?? null) : null
}
