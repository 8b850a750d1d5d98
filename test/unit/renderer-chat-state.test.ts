// The chat reducer and history rows: a live turn (question, reasoning, reroute, parts, error),
// replays that restart a turn without duplicating it, history merged under a live turn, and the
// event router that keeps deltas out of React state.
import { describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import type { BridgeEvent } from '@shared/bridge'
import type { Conversation } from '@shared/history'
import {
  chatReducer,
  initialChat,
  liveRows,
  type ChatAction,
  type ChatState,
} from '../../renderer/src/state/chat-state'
import { historyRows, parseReroute } from '../../renderer/src/state/rows'
import { createEventRouter } from '../../renderer/src/state/event-router'
import { StreamStore } from '../../renderer/src/stream/stream-store'
import { DraftStore } from '../../renderer/src/state/drafts'

const cid = randomUUID()
const ev = (event: BridgeEvent): ChatAction => ({ type: 'event', event })
const run = (actions: ChatAction[], from: ChatState = initialChat) => actions.reduce(chatReducer, from)
const T = { conversationId: cid, turnId: 't1' }
const REROUTE_TEXT =
  'Your account was flagged for potentially high-risk cyber activity and this request was routed to gpt-5-mini as a fallback. To regain access to gpt-5.2, apply for trusted access: https://chatgpt.com/cyber'

describe('chat reducer', () => {
  it('builds a live turn: question, reasoning summary, reroute notice, commentary, answer', () => {
    const s = run([
      { type: 'user_sent', conversationId: cid, text: 'Hi' },
      ev({ type: 'turn_started', ...T, model: 'gpt-5.2' }),
      ev({ type: 'reasoning_header', ...T, header: 'Planning' }),
      ev({ type: 'reasoning_summary', ...T, text: '**Planning**\n\nSteps.' }),
      ev({ type: 'reasoning_summary', ...T, text: 'no header here' }),
      ev({
        type: 'model_reroute',
        ...T,
        fromModel: 'gpt-5.2',
        toModel: 'gpt-5-mini',
        reason: 'high_risk_cyber_activity',
      }),
      ev({ type: 'warning', ...T, code: 'model_reroute', message: REROUTE_TEXT }),
      ev({ type: 'agent_message_delta', ...T, delta: 'Looking' }),
      ev({ type: 'agent_message', ...T, text: 'Looking…', phase: 'commentary' }),
      ev({ type: 'agent_message', ...T, text: 'Answer', phase: 'final_answer' }),
    ])
    const live = s.live[cid]!
    expect(s.currentId).toBe(cid)
    expect(live).toMatchObject({
      turnId: 't1',
      question: 'Hi',
      status: 'Planning',
      state: 'running',
      streaming: false,
    })
    expect(live.rows.map((r) => r.kind)).toEqual(['reasoning', 'notice', 'assistant', 'assistant'])
    expect(live.rows[1]).toMatchObject({
      reroute: { requested: 'gpt-5.2', served: 'gpt-5-mini' },
      text: REROUTE_TEXT,
    })
    const done = run([ev({ type: 'turn_complete', ...T, responseId: 'r', lastAgentMessage: 'Answer' })], s)
    expect(done.live[cid]).toMatchObject({ state: 'completed', status: null })
    expect(done.diags[cid]!.map((d) => [d.turnId, d.status])).toEqual([['t1', 'completed']])
  })

  it('a replayed turn_started restarts the turn instead of duplicating it', () => {
    const started = ev({ type: 'turn_started', ...T, model: 'm' })
    const s = run([
      started,
      ev({ type: 'agent_message', ...T, text: 'one' }),
      started,
      ev({ type: 'agent_message', ...T, text: 'one' }),
    ])
    expect(s.live[cid]!.rows).toHaveLength(1)
    // A window that showed nothing follows the running conversation and must load it.
    expect(s).toMatchObject({ currentId: cid, loaded: false })
  })

  it('knows the phase of the message while it streams, and keeps it on a cut-short answer', () => {
    const s = run([
      { type: 'user_sent', conversationId: cid, text: 'Q' },
      ev({ type: 'turn_started', ...T, model: 'm' }),
      ev({ type: 'agent_message_started', ...T, phase: 'commentary' }),
    ])
    expect(s.live[cid]!.streamingPhase).toBe('commentary')
    const done = run([ev({ type: 'agent_message', ...T, text: 'Checking.', phase: 'commentary' })], s)
    expect(done.live[cid]!.streamingPhase).toBeNull()
    const next = run([ev({ type: 'agent_message_started', ...T })], done)
    expect(next.live[cid]!.streamingPhase).toBeNull()
    const cut = run(
      [
        ev({ type: 'agent_message_started', ...T, phase: 'final_answer' }),
        { type: 'event', event: { type: 'turn_aborted', ...T, reason: 'interrupted' }, leftover: 'It is' },
      ],
      next,
    )
    expect(cut.live[cid]!.rows.at(-1)).toMatchObject({ text: 'It is', partial: true, phase: 'final_answer' })
  })

  it('an interrupted turn keeps the shown text as a partial answer; an error gets Retry', () => {
    const s = run([
      { type: 'user_sent', conversationId: cid, text: 'Q' },
      ev({ type: 'turn_started', ...T, model: 'm' }),
      {
        type: 'event',
        event: { type: 'turn_aborted', ...T, reason: 'interrupted' },
        leftover: 'half an ans',
      },
    ])
    expect(s.live[cid]!.rows.at(-1)).toMatchObject({ kind: 'assistant', text: 'half an ans', partial: true })
    const f = run(
      [
        { type: 'user_sent', conversationId: cid, text: 'Again' },
        ev({ type: 'turn_started', conversationId: cid, turnId: 't2', model: 'm' }),
        ev({
          type: 'error',
          conversationId: cid,
          turnId: 't2',
          message: 'Boom',
          code: 'server_error',
          fatal: true,
        }),
        ev({ type: 'turn_aborted', conversationId: cid, turnId: 't2', reason: 'error' }),
      ],
      s,
    )
    // The first turn moved into the list; the failed one is live with its error.
    expect(f.rows.map((r) => r.kind)).toEqual(['user', 'assistant'])
    expect(f.live[cid]).toMatchObject({ state: 'failed', error: { message: 'Boom', code: 'server_error' } })
    expect(liveRows(f.live[cid]!).at(-1)).toMatchObject({ kind: 'error', retryText: 'Again' })
  })

  it('usage, context and telemetry are kept per conversation; events of others do not leak', () => {
    const other = randomUUID()
    const s = run([
      { type: 'open', id: cid },
      ev({ type: 'rate_limits', snapshot: { limit_id: 'codex', primary: { used_percent: 50 } } }),
      ev({ type: 'turn_started', conversationId: other, turnId: 'x', model: 'm' }),
      ev({
        type: 'token_count',
        conversationId: other,
        turnId: 'x',
        usage: {
          input_tokens: 10,
          cached_input_tokens: 0,
          output_tokens: 5,
          reasoning_output_tokens: 0,
          total_tokens: 15,
        },
        contextWindow: 100,
        effectiveContextWindow: 95,
        autoCompactTokenLimit: 90,
      }),
    ])
    expect(s.rateLimits.codex?.primary?.used_percent).toBe(50)
    expect(s.context[other]).toEqual({
      used: 15,
      contextWindow: 100,
      effectiveContextWindow: 95,
      autoCompactTokenLimit: 90,
    })
    expect(s.context[cid]).toBeUndefined()
    expect(s.currentId).toBe(cid)
    expect(s.rows).toEqual([])
  })
})

function conversation(): Conversation {
  const at = '2026-01-01T00:00:00.000Z'
  const msg = (role: 'user' | 'assistant', text: string, extra = {}) => ({
    type: 'message' as const,
    role,
    content: [{ type: role === 'user' ? ('input_text' as const) : ('output_text' as const), text }],
    ...extra,
  })
  return {
    summary: {
      id: cid,
      title: 'Hi',
      createdAt: at,
      updatedAt: at,
      model: 'gpt-5.2',
      provider: 'openai',
      turns: 3,
    },
    items: [
      { kind: 'item', turnId: 'a', at, item: msg('user', 'Hi') },
      { kind: 'item', turnId: 'a', at, item: msg('user', `Warning: ${REROUTE_TEXT}`) },
      {
        kind: 'item',
        turnId: 'a',
        at,
        item: { type: 'reasoning', summary: [{ type: 'summary_text', text: '**Plan**\n\nbody' }] },
      },
      { kind: 'item', turnId: 'a', at, item: msg('assistant', 'Pre', { phase: 'commentary' }) },
      { kind: 'item', turnId: 'a', at, item: msg('assistant', 'Final', { phase: 'final_answer' }) },
      { kind: 'item', turnId: 'b', at, item: msg('user', 'Fail?') },
      { kind: 'item', turnId: 'c', at, item: msg('user', 'Stop?') },
      { kind: 'item', turnId: 'c', at, item: msg('assistant', 'Half'), partial: true },
      { kind: 'item', turnId: 'd', at, item: msg('user', 'Running') },
    ],
    turns: [
      {
        kind: 'turn',
        turnId: 'a',
        at,
        status: 'completed',
        model: 'gpt-5.2',
        serverModel: 'gpt-5-mini',
        responseId: 'r',
        usage: null,
      },
      {
        kind: 'turn',
        turnId: 'b',
        at,
        status: 'failed',
        model: 'gpt-5.2',
        serverModel: null,
        responseId: null,
        usage: null,
        error: 'HTTP 500',
      },
      {
        kind: 'turn',
        turnId: 'c',
        at,
        status: 'interrupted',
        model: 'gpt-5.2',
        serverModel: null,
        responseId: null,
        usage: {
          input_tokens: 1,
          cached_input_tokens: 0,
          output_tokens: 1,
          reasoning_output_tokens: 0,
          total_tokens: 2,
        },
      },
    ],
  }
}

describe('history rows', () => {
  it('reads questions, reroute notices, reasoning cells, phases, failures with Retry and partial answers', () => {
    const rows = historyRows(conversation(), new Set(['d']))
    expect(rows.map((r) => r.kind)).toEqual([
      'user',
      'notice',
      'reasoning',
      'assistant',
      'assistant',
      'user',
      'error',
      'user',
      'assistant',
    ])
    expect(rows[1]).toMatchObject({ reroute: { requested: 'gpt-5.2', served: 'gpt-5-mini' } })
    expect(rows[2]).toMatchObject({ header: '**Plan**', body: '\n\nbody' })
    expect(rows[3]).toMatchObject({ phase: 'commentary' })
    expect(rows[6]).toMatchObject({ message: 'HTTP 500', retryText: 'Fail?' })
    expect(rows[8]).toMatchObject({ text: 'Half', partial: true })
  })

  it('loading under a live turn takes its question from history and leaves its answer to events', () => {
    const s = run([
      ev({ type: 'turn_started', conversationId: cid, turnId: 'd', model: 'gpt-5.2' }),
      { type: 'loaded', conversation: conversation() },
    ])
    expect(s.live[cid]!.question).toBe('Running')
    expect(s.rows.some((r) => r.kind === 'user' && r.text === 'Running')).toBe(false)
    expect(s.context[cid]!.used).toBe(2)
    expect(s.diags[cid]!.map((d) => d.turnId)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('parses the reroute warning, and ignores other text', () => {
    expect(parseReroute(REROUTE_TEXT)).toEqual({ requested: 'gpt-5.2', served: 'gpt-5-mini' })
    expect(parseReroute('something else')).toBeUndefined()
  })
})

describe('event router', () => {
  it('sends deltas to the stream store and dispatches once per streaming message', () => {
    const frames: (() => void)[] = []
    const store = new StreamStore((cb) => frames.push(cb))
    const actions: ChatAction[] = []
    const route = createEventRouter(store, (a) => actions.push(a))
    route({ type: 'turn_started', ...T, model: 'm' })
    for (let i = 0; i < 100; i++) route({ type: 'agent_message_delta', ...T, delta: `${i},` })
    expect(actions.map((a) => (a.type === 'event' ? a.event.type : a.type))).toEqual([
      'turn_started',
      'agent_message_delta',
    ])
    frames.splice(0).forEach((f) => f())
    expect(store.text('t1').startsWith('0,1,2,')).toBe(true)
    route({ type: 'turn_aborted', ...T, reason: 'interrupted' })
    expect(actions.at(-1)).toMatchObject({ leftover: expect.stringMatching(/^0,1,.*99,$/) })
    expect(store.text('t1')).toBe('')
  })
})

describe('drafts', () => {
  it('keeps a draft per conversation in storage, and forgets empty ones', () => {
    const data = new Map<string, string>()
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    } as unknown as Storage
    const a = new DraftStore(storage)
    a.set(null, 'new chat draft')
    a.set('c1', 'draft one')
    a.set('c2', 'draft two')
    a.set('c2', '')
    const b = new DraftStore(storage)
    expect([b.get(null), b.get('c1'), b.get('c2')]).toEqual(['new chat draft', 'draft one', ''])
  })
})
