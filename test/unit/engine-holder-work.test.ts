// Work that outlives an engine swap stays on the engine that started it: a compaction (and the
// turn sent to its conversation meanwhile), a read aloud, a recording dictation. A compaction
// waits for a place in the host's turn limiter like a turn.
import { describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { Op } from '@shared/ops'
import type { EngineEvent } from '@shared/events'
import { EngineHolder } from '../../main/host/engine-holder'
import { HostCore } from '../../main/host/core'
import { silentLogger } from '../../main/core/log'
import { FakeEngine, fakeServices } from './app-fake-engine'

/** A FakeEngine whose compactions and reads run until released. */
class SlowEngine extends FakeEngine {
  private readonly held = new Map<string, () => void>()
  override submit(raw: unknown): Promise<void> {
    const op = Op.parse(raw)
    const key = op.type === 'compact' ? op.conversationId : op.type === 'speech_start' ? op.speechId : null
    if (!key) return super.submit(raw)
    this.ops.push(op)
    return new Promise((resolve) => this.held.set(key, resolve))
  }
  release(key: string) {
    this.held.get(key)?.()
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0))
const types = (e: FakeEngine) => e.ops.map((o) => o.type)

function holder(a: FakeEngine, events: EngineEvent[] = []) {
  return new EngineHolder(
    () => a,
    (e) => events.push(e),
    silentLogger,
  )
}

describe('engine swap with work in flight', () => {
  it('a compaction keeps its conversation (turns, interrupts) on the old engine until it ends', async () => {
    const a = new SlowEngine('a')
    const b = new SlowEngine('b')
    const h = holder(a)
    const c = randomUUID()
    const compaction = h.submit({ type: 'compact', conversationId: c })
    h.replace(() => b)
    h.submit({ type: 'interrupt', conversationId: c })
    const turn = h.submit({ type: 'user_turn', conversationId: c, text: 'next' })
    expect(types(a)).toEqual(['compact', 'interrupt', 'user_turn'])
    expect(types(b)).toEqual([])
    a.release(c)
    await compaction.done
    await tick()
    expect(a.closed).toBe(false) // the turn still runs there
    a.finish(c)
    await turn.done
    await tick()
    expect(a.closed).toBe(true)
    expect(h.forConversation(c)).toBe(b)
    await h.close()
  })

  it('speech_stop reaches the engine that is reading; it closes when the read ends', async () => {
    const a = new SlowEngine('a')
    const b = new SlowEngine('b')
    const h = holder(a)
    const s = randomUUID()
    const read = h.submit({ type: 'speech_start', speechId: s, text: 'hello' })
    h.replace(() => b)
    h.submit({ type: 'speech_stop', speechId: s })
    expect(types(a)).toEqual(['speech_start', 'speech_stop'])
    expect(a.closed).toBe(false)
    a.release(s)
    await read.done
    await tick()
    expect(a.closed).toBe(true)
    await h.close()
  })

  it('a recording dictation keeps the old engine open and gets its audio and stop', async () => {
    const a = new SlowEngine('a')
    const b = new SlowEngine('b')
    const events: EngineEvent[] = []
    const h = holder(a, events)
    const d = randomUUID()
    const other = randomUUID()
    await h.submit({ type: 'dictation_start', dictationId: d }).done
    await h.submit({ type: 'dictation_start', dictationId: other }).done
    h.replace(() => b)
    await tick()
    expect(a.closed).toBe(false)
    await h.submit({ type: 'dictation_audio', dictationId: d, frame: new Uint8Array(4) }).done
    await h.submit({ type: 'dictation_stop', dictationId: d }).done
    await h.submit({ type: 'dictation_cancel', dictationId: other }).done
    expect(types(b)).toEqual([])
    await tick()
    expect(a.closed).toBe(false) // the transcript of `d` is not in yet
    a.emit({ type: 'dictation_done', dictationId: d, text: 'hi', serviceMs: 1 })
    await tick()
    expect(a.closed).toBe(true)
    expect(events.map((e) => e.type)).toEqual(['dictation_done'])
    await h.close()
  })
})

describe('compaction and the turn limiter', () => {
  it('a compaction waits for a place like a turn', async () => {
    const a = new SlowEngine('a')
    const services = { ...fakeServices([a]), turnLimits: { maxRunning: 1, maxQueued: 0 } }
    const core = new HostCore(services, silentLogger)
    const [c1, c2] = [randomUUID(), randomUUID()]
    expect(await core.op({ type: 'compact', conversationId: c1 }, 't')).toEqual({ ok: true })
    const refused = await core.op({ type: 'compact', conversationId: c2 }, 't')
    expect(refused.ok).toBe(false)
    expect(core.turns.counts).toEqual({ running: 1, queued: 0 })
    a.release(c1)
    await tick()
    await tick()
    expect(core.turns.counts).toEqual({ running: 0, queued: 0 })
    await core.close()
  })
})
