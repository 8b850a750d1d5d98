// Compaction pieces without sockets: the token count, the threshold, rebuilding the model input
// from a compaction record, the local replacement, trimming on overflow; and the chat window's
// divider and meter.
import { describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import type { BridgeEvent } from '@shared/bridge'
import type { CompactionRecord, Conversation, ItemRecord } from '@shared/history'
import { assistantMessage, userMessage, type ResponseItem } from '@shared/wire/items'
import { ModelInfo } from '@shared/wire/models'
import { compactLimit, estimateItems, TokenTracker } from '../../main/core/compaction/tokens'
import { rebuildModelInput } from '../../main/core/compaction/rebuild'
import { localReplacement, middleTruncate } from '../../main/core/compaction/local'
import { oldestToDrop } from '../../main/core/compaction/compactor'
import { dropOrphanOutputs, NOT_RUN_OUTPUT } from '../../main/core/compaction/tool-pairs'
import { SUMMARY_PREFIX } from '../../main/core/compaction/prompt'
import { chatReducer, initialChat, type ChatAction } from '../../renderer/src/state/chat-state'
import { COMPACTED_TEXT, historyRows } from '../../renderer/src/state/rows'
import { parseHistory } from '../../main/core/history/store'

const info = (m: Record<string, unknown>) =>
  ModelInfo.parse({ slug: 'm', experimental_supported_tools: [], ...m })
const text = (i: ResponseItem) =>
  i.type === 'message' ? i.content.map((c) => ('text' in c ? c.text : '')).join('') : i.type

function conversation(turns: number, compactions: Omit<CompactionRecord, 'kind'>[] = []): Conversation {
  const items: ItemRecord[] = []
  for (let t = 1; t <= turns; t++) {
    const at = `2026-11-30T10:${String(t).padStart(2, '0')}:00.000Z`
    items.push({ kind: 'item', turnId: `t${t}`, at, item: userMessage(`Q${t}`) })
    items.push({ kind: 'item', turnId: `t${t}`, at, item: assistantMessage(`A${t}`) })
  }
  const summary = {
    id: 'c',
    title: 'Q1',
    createdAt: '',
    updatedAt: '',
    model: 'm',
    provider: 'openai',
    turns,
  }
  const c: Conversation = { summary, items, turns: [] }
  if (compactions.length) c.compactions = compactions.map((r) => ({ kind: 'compaction', ...r }))
  return c
}

const record = (replacesItems: number, replacement: ResponseItem[], at = '2026-11-30T11:00:00.000Z') => ({
  id: randomUUID(),
  at,
  reason: 'auto' as const,
  mode: 'remote' as const,
  replacesItems,
  replacement,
  tokensBefore: 100,
  tokensAfter: 10,
  itemsDropped: 0,
})

describe('compaction threshold and count', () => {
  it('90% of the window unless the model says less; a configured value only lowers it', () => {
    expect(compactLimit(info({ context_window: 10_000 }))).toBe(9000)
    expect(compactLimit(info({ context_window: 10_000, auto_compact_token_limit: 5000 }))).toBe(5000)
    expect(compactLimit(info({ context_window: 10_000, auto_compact_token_limit: 50_000 }))).toBe(9000)
    expect(compactLimit(info({ context_window: 10_000 }), 4000)).toBe(4000)
    expect(compactLimit(info({ context_window: 10_000 }), 40_000)).toBe(9000)
    expect(compactLimit(info({}))).toBeNull()
  })

  it('last usage plus serialized bytes ÷ 4 of what was added since; full after an overflow', () => {
    const t = new TokenTracker()
    const items: ResponseItem[] = [userMessage('a'), assistantMessage('b')]
    t.onUsage('x', 500)
    expect(t.count('x', items)).toBe(500)
    items.push(userMessage('c'.repeat(400)))
    expect(t.count('x', items)).toBe(500 + estimateItems(items.slice(2)))
    expect(estimateItems([userMessage('c'.repeat(400))])).toBe(
      Math.ceil(JSON.stringify(userMessage('c'.repeat(400))).length / 4),
    )
    t.markFull('x')
    expect(t.count('x', items)).toBe(Number.POSITIVE_INFINITY)
    t.reset('y', null, 0)
    expect(t.count('y', items)).toBe(estimateItems(items))
  })
})

describe('the model input of a stored conversation', () => {
  it('without a compaction record: every item', () => {
    const c = conversation(3)
    expect(rebuildModelInput(c).items.map(text)).toEqual(['Q1', 'A1', 'Q2', 'A2', 'Q3', 'A3'])
  })

  it('from the last compaction record: its replacement, then the items it does not cover', () => {
    const first = record(
      2,
      [userMessage('Q1'), { type: 'compaction', encrypted_content: 'e1' }],
      '2026-11-30T11:00:00Z',
    )
    const last = record(4, [
      userMessage('Q1'),
      userMessage('Q2'),
      { type: 'compaction', encrypted_content: 'e2' },
    ])
    const c = conversation(3, [first, last])
    expect(rebuildModelInput(c).items.map(text)).toEqual(['Q1', 'Q2', 'compaction', 'Q3', 'A3'])
    // The file still shows everything: the transcript has every row plus a divider per record.
    const rows = historyRows(c)
    expect(rows.filter((r) => r.kind === 'user').map((r) => (r as { text: string }).text)).toEqual([
      'Q1',
      'Q2',
      'Q3',
    ])
    expect(rows.map((r) => r.kind)).toEqual([
      'user',
      'assistant',
      'divider',
      'user',
      'assistant',
      'divider',
      'user',
      'assistant',
    ])
    expect(rows[2]).toMatchObject({ text: COMPACTED_TEXT })
  })

  it('round-trips through the JSONL file; old files without compaction records still load', () => {
    const c = conversation(2, [
      record(4, [userMessage('Q1'), { type: 'compaction', encrypted_content: 'e' }]),
    ])
    const lines = [
      JSON.stringify({ kind: 'meta', version: 1, id: 'c', createdAt: 'x', provider: 'openai', model: 'm' }),
      ...c.items.map((i) => JSON.stringify(i)),
      JSON.stringify(c.compactions![0]),
    ]
    const loaded = parseHistory('c', lines.join('\n') + '\n', 'now')
    expect(loaded.skipped).toEqual([])
    expect(rebuildModelInput(loaded.conversation).items.map(text)).toEqual(['Q1', 'compaction'])
    const old = parseHistory('c', lines.slice(0, -1).join('\n'), 'now')
    expect(old.conversation.compactions).toBeUndefined()
    expect(rebuildModelInput(old.conversation).items).toHaveLength(4)
  })
})

describe('local replacement', () => {
  it('recent user messages within the budget (the oldest that partly fits is middle-truncated), then the summary', () => {
    const input: ResponseItem[] = [
      userMessage('x'.repeat(4000)),
      assistantMessage('answer'),
      userMessage('Warning: rerouted'),
      userMessage('recent'),
    ]
    const out = localReplacement(input, 'SUM', 100)
    expect(out.map(text)).toHaveLength(3)
    expect(text(out[0]!)).toMatch(/^x+\n…\[\d+ tokens truncated\]…\nx+$/)
    expect(text(out[1]!)).toBe('recent')
    expect(text(out[2]!)).toBe(`${SUMMARY_PREFIX}\nSUM`)
    expect(middleTruncate('short', 10)).toBe('short')
    // An earlier summary is not kept as a user message.
    expect(localReplacement(out, '', 1000).map(text).at(-1)).toBe(`${SUMMARY_PREFIX}\n(no summary available)`)
    expect(localReplacement(out, '', 1000).filter((i) => text(i).startsWith(SUMMARY_PREFIX))).toHaveLength(1)
  })

  it('an overflowing compaction request drops the oldest items, at least one, more each round', () => {
    const items = Array.from({ length: 10 }, (_, i) => userMessage(`${i}`.repeat(400)))
    const per = estimateItems([items[0]!])
    expect(oldestToDrop(items, per * 10, 1)).toBeGreaterThanOrEqual(2)
    expect(oldestToDrop(items, per * 10, 3)).toBeGreaterThan(oldestToDrop(items, per * 10, 1))
    expect(oldestToDrop(items, per * 100, 1)).toBe(1)
    expect(oldestToDrop(items, null, 1)).toBe(2)
  })
})

describe('chat window', () => {
  const cid = randomUUID()
  const ev = (event: BridgeEvent): ChatAction => ({ type: 'event', event })
  const done = (reason: 'auto' | 'overflow') =>
    ev({
      type: 'context_compacted',
      conversationId: cid,
      compactionId: 'k1',
      reason,
      mode: 'remote',
      tokensBefore: 3000,
      tokensAfter: 400,
      itemsDropped: 0,
    })
  const usage = (turnId: string, total: number) =>
    ev({
      type: 'token_count',
      conversationId: cid,
      turnId,
      usage: {
        input_tokens: total,
        cached_input_tokens: 0,
        output_tokens: 0,
        reasoning_output_tokens: 0,
        total_tokens: total,
      },
      contextWindow: 4000,
      effectiveContextWindow: 3800,
      autoCompactTokenLimit: 3600,
    })

  it('a compaction before a turn: divider above the new question; the meter shows the drop until the turn reports usage', () => {
    let s = [
      { type: 'open', id: cid } as ChatAction,
      { type: 'user_sent', conversationId: cid, text: 'Next' } as ChatAction,
      ev({
        type: 'compaction_started',
        conversationId: cid,
        compactionId: 'k1',
        reason: 'auto',
        tokensBefore: 3000,
      }),
    ].reduce(chatReducer, initialChat)
    expect(s.context[cid]?.compacting).toBe(true)
    s = [done('auto'), usage('k1', 400)].reduce(chatReducer, s)
    expect(s.rows.at(-1)).toMatchObject({ kind: 'divider', text: COMPACTED_TEXT })
    expect(s.live[cid]?.question).toBe('Next')
    expect(s.context[cid]).toMatchObject({ used: 400, compactedFrom: { tokens: 3000 } })
    expect(s.context[cid]?.compacting).toBeFalsy()
    s = chatReducer(s, usage('t2', 700))
    expect(s.context[cid]?.compactedFrom).toBeUndefined()
  })

  it('an overflowed turn moves above the divider and its question waits for the resent turn', () => {
    const T = { conversationId: cid, turnId: 't1' }
    const s = [
      { type: 'open', id: cid } as ChatAction,
      { type: 'user_sent', conversationId: cid, text: 'Too long' } as ChatAction,
      ev({ type: 'turn_started', ...T, model: 'm' }),
      ev({ type: 'error', ...T, message: 'full', code: 'context_length_exceeded', fatal: true }),
      ev({ type: 'turn_aborted', ...T, reason: 'error' }),
      done('overflow'),
      ev({ type: 'turn_started', conversationId: cid, turnId: 't2', model: 'm' }),
    ].reduce(chatReducer, initialChat)
    expect(s.rows.map((r) => r.kind)).toEqual(['user', 'error', 'divider'])
    expect(s.live[cid]).toMatchObject({ turnId: 't2', question: 'Too long', state: 'running' })
  })
})

describe('trimming keeps tool calls with their outputs', () => {
  const call = (id: string): ResponseItem => ({
    type: 'function_call',
    name: 'f',
    arguments: '{}',
    call_id: id,
  })
  const output = (id: string): ResponseItem => ({
    type: 'function_call_output',
    call_id: id,
    output: 'x'.repeat(400),
  })

  it('the cut moves forward to the next user message, so no output is kept without its call', () => {
    const items = [
      userMessage('Q1'.repeat(200)),
      call('a'),
      output('a'),
      assistantMessage('A1'),
      userMessage('Q2'),
      assistantMessage('A2'),
    ]
    const n = oldestToDrop(items, estimateItems(items) / 2, 1)
    expect(items[n]).toMatchObject({ type: 'message', role: 'user' })
    expect(dropOrphanOutputs(items.slice(2))[0]).toMatchObject({ type: 'message', role: 'assistant' })
  })

  it('without a later user message, outputs whose call was dropped are left out', () => {
    const items = [userMessage('Q'), call('a'), call('b'), output('a'), output('b'), assistantMessage('A')]
    expect(dropOrphanOutputs(items.slice(2)).map((i) => i.type)).toEqual([
      'function_call',
      'function_call_output',
      'message',
    ])
    expect(oldestToDrop(items, null, 1)).toBe(1)
  })

  it('a stored conversation ending with an unanswered call gets a synthetic output on load', () => {
    const c = conversation(1)
    c.items.push({ kind: 'item', turnId: 't2', at: '2026-11-30T10:59:00.000Z', item: userMessage('Run it') })
    c.items.push({ kind: 'item', turnId: 't2', at: '2026-11-30T10:59:00.000Z', item: call('c') })
    const r = rebuildModelInput(c)
    expect(r.items.map((i) => i.type).slice(-3)).toEqual(['message', 'function_call', 'function_call_output'])
    expect(r.items.at(-1)).toMatchObject({ call_id: 'c', output: NOT_RUN_OUTPUT })
    c.turns.push({
      kind: 'turn',
      turnId: 't2',
      at: '2026-11-30T11:00:00.000Z',
      status: 'failed',
      model: 'm',
      serverModel: null,
      responseId: null,
      usage: null,
    })
    expect(rebuildModelInput(c).failedTail).toEqual({ text: 'Run it', attachments: [], items: 3 })
  })

  it("a failed message of attachments alone is resent with them after a reload; nothing at all isn't", () => {
    const c = conversation(1)
    const id = 'a'.repeat(64)
    const failed = (content: unknown[]) => {
      c.items.push({
        kind: 'item',
        turnId: 't2',
        at: '2026-11-30T10:59:00.000Z',
        item: { type: 'message', role: 'user', content } as never,
      })
      c.turns.push({
        kind: 'turn',
        turnId: 't2',
        at: '2026-11-30T11:00:00.000Z',
        status: 'failed',
        model: 'm',
        serverModel: null,
        responseId: null,
        usage: null,
      })
    }
    failed([{ type: 'input_file', filename: 'q.pdf', file_data: `attachment:${id}` }])
    expect(rebuildModelInput(c).failedTail).toEqual({
      text: '',
      attachments: [{ id, name: 'q.pdf' }],
      items: 1,
    })
    c.items.pop()
    c.turns.pop()
    failed([{ type: 'input_text', text: '  ' }])
    expect(rebuildModelInput(c).failedTail).toBeNull()
  })
})
