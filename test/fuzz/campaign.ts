// A fuzz campaign: N mutated SSE streams and M mutated WebSocket streams, each from its own
// seed, through the engine against the raw fuzz server; figures and the failing seeds.
import { Rng } from './rng'
import { sseCase, wsCase, type FuzzCase, type Limits } from './mutations'
import { startFuzzServer } from './server'
import { checkCase, watchEscapes, type CaseResult, type Problem } from './check'

export interface CampaignOptions {
  sse: number
  ws: number
  /** Case i uses seed `seed + i` (SSE) or `seed + 1_000_000 + i` (WebSocket). */
  seed: number
  limits: Limits
  idleTimeoutMs: number
  hangMs: number
  onCase?: (c: FuzzCase, r: CaseResult, index: number) => void
}

export interface CampaignReport {
  runs: { sse: number; ws: number }
  outcomes: Record<CaseResult['outcome'], number>
  counts: Record<Problem, number>
  failures: { seed: number; transport: string; mutations: string[]; problems: CaseResult['problems'] }[]
  mutations: Record<string, number>
  seconds: number
}

export function makeCase(transport: 'sse' | 'ws', seed: number, limits: Limits): FuzzCase {
  const rng = new Rng(seed)
  return transport === 'sse' ? sseCase(rng, seed, limits) : wsCase(rng, seed, limits)
}

export async function runCampaign(o: CampaignOptions): Promise<CampaignReport> {
  watchEscapes()
  const started = performance.now()
  const server = await startFuzzServer()
  const report: CampaignReport = {
    runs: { sse: 0, ws: 0 },
    outcomes: { completed: 0, aborted: 0, none: 0 },
    counts: { hang: 0, stack_trace: 0, unreadable_history: 0, invalid_event: 0 },
    failures: [],
    mutations: {},
    seconds: 0,
  }
  const plan: ['sse' | 'ws', number][] = [
    ...Array.from({ length: o.sse }, (_, i) => ['sse', o.seed + i] as ['sse', number]),
    ...Array.from({ length: o.ws }, (_, i) => ['ws', o.seed + 1_000_000 + i] as ['ws', number]),
  ]
  try {
    for (let i = 0; i < plan.length; i++) {
      const [transport, seed] = plan[i]!
      const c = makeCase(transport, seed, o.limits)
      const r = await checkCase(server, c, { idleTimeoutMs: o.idleTimeoutMs, hangMs: o.hangMs })
      report.runs[transport]++
      report.outcomes[r.outcome]++
      for (const m of c.mutations) report.mutations[m] = (report.mutations[m] ?? 0) + 1
      const kinds = new Set(r.problems.map((p) => p.kind))
      for (const k of kinds) report.counts[k]++
      if (r.problems.length > 0)
        report.failures.push({ seed, transport, mutations: c.mutations, problems: r.problems })
      o.onCase?.(c, r, i)
    }
  } finally {
    await server.close()
  }
  report.seconds = (performance.now() - started) / 1000
  return report
}
