// Issue 11: a seeded fuzz run in every `npm test` — a few hundred mutated SSE and WebSocket
// streams over real sockets through the engine (the long run is `npm run fuzz`). Whatever the
// server sends: no hang, nothing thrown out of a socket handler, valid events, and a history
// that reads back and resends. A failure names its seed: `FUZZ_SEED=<seed> FUZZ_SSE=1 npm run fuzz`.
import { describe, it, expect } from 'vitest'
import { runCampaign } from '../fuzz/campaign'

describe('fuzzed streams', () => {
  it('240 SSE and 80 WebSocket mutated streams: 0 hangs, 0 stack traces, 0 unreadable histories', async () => {
    const report = await runCampaign({
      sse: 240,
      ws: 80,
      seed: 11_000,
      limits: { hugeMb: 2, maxDepth: 20_000 },
      idleTimeoutMs: 400,
      hangMs: 15_000,
    })
    expect(report.failures.slice(0, 3)).toEqual([])
    expect(report.counts).toEqual({ hang: 0, stack_trace: 0, unreadable_history: 0, invalid_event: 0 })
    expect(report.runs).toEqual({ sse: 240, ws: 80 })
    // The mutations really ran: streams that completed and streams that failed, every kind.
    expect(report.outcomes.completed).toBeGreaterThan(20)
    expect(report.outcomes.aborted).toBeGreaterThan(20)
    for (const m of [
      'wrongType',
      'missingField',
      'deepNesting',
      'hugeFrame',
      'byteFlip',
      'invalidUtf8',
      'truncate',
    ])
      expect(report.mutations[m], m).toBeGreaterThan(0)
  }, 120_000)
})
