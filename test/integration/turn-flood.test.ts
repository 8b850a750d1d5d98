// Issue 11, finding 7: a page floods the host with 3,000 `user_turn` ops. The host runs at most
// `maxRunning` turns at once, queues a bounded number, refuses the rest at once with a clear
// error, and every op gets an answer: a completed turn or a refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import type { BridgeEvent, Reply } from '@shared/bridge'
import { HostCore } from '../../main/host/core'
import { browserHostServices } from '../../main/host/web/services'
import { DEFAULT_TURN_LIMITS } from '../../main/host/turn-limiter'
import { silentLogger } from '../../main/core/log'
import { startEmulator, type Emulator } from '../emulator/index'
import { textAnswer } from '../emulator/scripts'

const FLOOD = 3000
let emu: Emulator
let core: HostCore
const events: BridgeEvent[] = []

beforeAll(async () => {
  emu = await startEmulator()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flood-host-'))
  const services = browserHostServices({
    dataDir,
    env: {},
    logger: silentLogger,
    version: 't',
    demo: { baseUrl: emu.openaiBase, apiKey: 'sk-test-emulator' },
  })
  core = new HostCore({ ...services, beforeOp: undefined }, silentLogger)
  await core.query({ name: 'events.attach', input: {} }, { sinkId: 'page', sink: (e) => events.push(e) })
  await core.query(
    { name: 'settings.set', input: { model: 'gpt-5.2' } },
    { sinkId: 'page', sink: () => undefined },
  )
})

afterAll(async () => {
  await core.close()
  await emu.close()
})

describe('a flood of turns', () => {
  it(`${FLOOD} user_turn ops: bounded concurrency, every op answered or refused`, async () => {
    const { maxRunning, maxQueued } = DEFAULT_TURN_LIMITS
    // Slow answers, so the flood arrives while the first turns still run.
    for (let i = 0; i < maxRunning + maxQueued; i++)
      emu.script({ steps: [{ delayMs: 150 }, ...textAnswer(`answer ${i}`)] })
    const rss0 = process.memoryUsage().rss
    let peakRss = rss0
    let live = 0
    let peakLive = 0
    const seen = events.length
    const ids = Array.from({ length: FLOOD }, () => randomUUID())
    const replies: Reply[] = await Promise.all(
      ids.map((conversationId) => core.op({ type: 'user_turn', conversationId, text: 'flood' }, 'page')),
    )
    const ended = new Set<string>()
    const deadline = Date.now() + 60_000
    let cursor = seen
    while (Date.now() < deadline) {
      for (; cursor < events.length; cursor++) {
        const e = events[cursor]!
        if (e.type === 'turn_started') peakLive = Math.max(peakLive, ++live)
        if (e.type === 'turn_complete' || e.type === 'turn_aborted') {
          live--
          ended.add(e.conversationId)
        }
      }
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
      if (ended.size >= replies.filter((r) => r.ok).length) break
      await new Promise((r) => setTimeout(r, 20))
    }
    const accepted = ids.filter((_id, i) => replies[i]!.ok)
    const refused = ids.filter((_id, i) => !replies[i]!.ok)
    expect(accepted.length).toBe(maxRunning + maxQueued)
    expect(refused.length).toBe(FLOOD - accepted.length)
    expect(peakLive).toBeLessThanOrEqual(maxRunning)
    // Every accepted turn completed; every refused one has a clear error event and reply.
    const completed = new Set(events.filter((e) => e.type === 'turn_complete').map((e) => e.conversationId))
    for (const id of accepted) expect(completed.has(id)).toBe(true)
    const busy = new Set(
      events.flatMap((e) =>
        e.type === 'error' && e.code === 'host_busy' && e.conversationId ? [e.conversationId] : [],
      ),
    )
    for (const id of refused) expect(busy.has(id)).toBe(true)
    const refusal = replies.find((r) => !r.ok)
    expect(refusal && !refusal.ok && refusal.error).toMatch(/Not started: \d+ answers are running/)
    const waiting = events.filter((e) => e.type === 'warning' && /^Waiting/.test(e.message)).length
    expect(waiting).toBe(maxQueued)
    expect(core.turns.counts).toEqual({ running: 0, queued: 0 })
    // Memory stays bounded (before the cap, 3,000 turns at once took the probe from 73 MB to 956 MB).
    expect(peakRss - rss0).toBeLessThan(300 * 1024 * 1024)
    if (process.env.LIMITS_LOG)
      fs.appendFileSync(
        process.env.LIMITS_LOG,
        JSON.stringify({ flood: FLOOD, peakLive, rssGrowth: peakRss - rss0 }) + '\n',
      )
  }, 90_000)
})
