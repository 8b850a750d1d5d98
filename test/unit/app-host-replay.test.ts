// Streams outlive windows: the replay buffer, the fan-out's attach/re-attach, the engine holder.
import { describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import type { EngineEvent } from '@shared/events'
import type { BridgeEvent } from '@shared/bridge'
import { ReplayBuffer } from '../../main/host/replay'
import { EventFanout } from '../../main/host/fanout'
import { EngineHolder } from '../../main/host/engine-holder'
import { silentLogger } from '../../main/core/log'
import { FakeEngine } from './app-fake-engine'

const c1 = randomUUID()
const c2 = randomUUID()
const started = (cid: string, turnId: string): EngineEvent => ({
  type: 'turn_started',
  conversationId: cid,
  turnId,
  model: 'm',
})
const delta = (cid: string, turnId: string, d: string): EngineEvent => ({
  type: 'agent_message_delta',
  conversationId: cid,
  turnId,
  delta: d,
})

describe('replay buffer', () => {
  it('keeps each running turn from turn_started, merging text deltas, and forgets it when it ends', () => {
    const r = new ReplayBuffer()
    r.push({
      type: 'session_configured',
      conversationId: c1,
      model: 'm',
      provider: 'openai',
      modelsSource: 'builtin',
      historyItems: 0,
    })
    r.push(started(c1, 't1'))
    r.push({ type: 'reasoning_header', conversationId: c1, turnId: 't1', header: 'Planning' })
    for (const d of ['Hel', 'lo ', 'wor', 'ld']) r.push(delta(c1, 't1', d))
    r.push({
      type: 'agent_message',
      conversationId: c1,
      turnId: 't1',
      text: 'Hello world',
      phase: 'final_answer',
    })
    r.push(delta(c2, 'other-turn-without-start', 'ignored'))
    expect(r.snapshot().map((e) => e.type)).toEqual([
      'session_configured',
      'turn_started',
      'reasoning_header',
      'agent_message_delta',
      'agent_message',
    ])
    expect(r.snapshot()[3]).toMatchObject({ delta: 'Hello world' })
    expect(r.runningConversations()).toEqual([c1])
    r.push({
      type: 'turn_complete',
      conversationId: c1,
      turnId: 't1',
      responseId: null,
      lastAgentMessage: 'Hello world',
    })
    expect(r.snapshot()).toEqual([])
    expect(r.runningConversations()).toEqual([])
  })

  it('keeps the latest rate limits per limit, and replaces shown text on a reset', () => {
    const r = new ReplayBuffer()
    r.push({ type: 'rate_limits', snapshot: { limit_id: 'codex', primary: { used_percent: 10 } } })
    r.push({ type: 'rate_limits', snapshot: { limit_id: 'codex', primary: { used_percent: 20 } } })
    r.push(started(c1, 't'))
    r.push(delta(c1, 't', 'draft that will be replaced'))
    r.push({ type: 'agent_message_reset', conversationId: c1, turnId: 't', text: 'fresh' })
    r.push(delta(c1, 't', '!'))
    const snap = r.snapshot()
    expect(snap[0]).toMatchObject({ type: 'rate_limits', snapshot: { primary: { used_percent: 20 } } })
    expect(snap.slice(1).map((e) => e.type)).toEqual([
      'turn_started',
      'agent_message_reset',
      'agent_message_delta',
    ])
  })

  it('does not let a delta object be mutated after it was sent', () => {
    const r = new ReplayBuffer()
    r.push(started(c1, 't'))
    const first = delta(c1, 't', 'a')
    r.push(first)
    r.push(delta(c1, 't', 'b'))
    expect(first).toMatchObject({ delta: 'a' })
  })
})

describe('event fan-out', () => {
  it('replays on attach, then streams live; a re-attach (reload) does not duplicate', () => {
    const f = new EventFanout(silentLogger)
    f.publishEngine(started(c1, 't'))
    f.publishEngine(delta(c1, 't', 'part one, '))
    const got: BridgeEvent[] = []
    expect(f.attach('wc:1', (e) => got.push(e))).toEqual({ replayed: 2, running: [c1] })
    f.publishEngine(delta(c1, 't', 'part two'))
    expect(got.map((e) => (e.type === 'agent_message_delta' ? e.delta : e.type))).toEqual([
      'turn_started',
      'part one, ',
      'part two',
    ])
    // The same window reloads and attaches again: one sink, a fresh replay.
    const again: BridgeEvent[] = []
    f.attach('wc:1', (e) => again.push(e))
    f.publishEngine(delta(c1, 't', '!'))
    expect(f.size).toBe(1)
    expect(again.map((e) => (e.type === 'agent_message_delta' ? e.delta : e.type))).toEqual([
      'turn_started',
      'part one, part two',
      '!',
    ])
    expect(got).toHaveLength(3)
  })

  it('drops a sink that throws (a destroyed window) and keeps serving the others', () => {
    const f = new EventFanout(silentLogger)
    const ok: BridgeEvent[] = []
    f.attach('dead', () => {
      throw new Error('Object has been destroyed')
    })
    f.attach('alive', (e) => ok.push(e))
    f.publishEngine(started(c1, 't'))
    f.publishEngine(delta(c1, 't', 'x'))
    expect(f.size).toBe(1)
    expect(ok).toHaveLength(2)
    expect(f.sendTo('dead', { type: 'navigate', conversationId: null, view: 'chat' })).toBe(false)
  })
})

describe('engine holder', () => {
  it('swaps engines for new turns while a running turn finishes on the old one', async () => {
    const a = new FakeEngine('a')
    const b = new FakeEngine('b')
    const events: EngineEvent[] = []
    const holder = new EngineHolder(
      () => a,
      (e) => events.push(e),
      silentLogger,
    )
    const run = holder.submit({ type: 'user_turn', conversationId: c1, text: 'long question' })
    holder.replace(() => b)
    expect(a.closed).toBe(false)
    // Ops for the running conversation still reach the engine that runs it.
    holder.submit({ type: 'interrupt', conversationId: c1 })
    expect(a.ops.map((o) => o.type)).toEqual(['user_turn', 'interrupt'])
    // A new conversation goes to the new engine and gets an id assigned here.
    const fresh = holder.submit({ type: 'user_turn', text: 'new' })
    expect(fresh.conversationId).toMatch(/^[0-9a-f-]{36}$/)
    expect(b.ops).toHaveLength(1)
    // The old engine's events still reach the host until it closes.
    a.emit(delta(c1, 't', 'late'))
    expect(events).toHaveLength(1)
    a.finish(c1)
    await run.done
    await new Promise((r) => setTimeout(r, 0))
    expect(a.closed).toBe(true)
    expect(holder.forConversation(c1)).toBe(b)
    await holder.close()
    expect(b.closed).toBe(true)
  })
})
