// `npm run fuzz`: the long run of issue 11's probe — 2,000 mutated SSE streams and 500 mutated
// WebSocket streams through the engine, plus a sample through the real CLI process (its stderr
// must carry no stack trace). Prints hangs, stack traces and unreadable histories, and the
// failing seeds. Env: FUZZ_SSE, FUZZ_WS, FUZZ_SEED, FUZZ_CLI (CLI sample size), FUZZ_VERBOSE=1.
import { runCampaign, makeCase } from './campaign'
import { runCliCases } from './cli-case'

const num = (name: string, d: number) => (process.env[name] !== undefined ? Number(process.env[name]) : d)
const SSE = num('FUZZ_SSE', 2000)
const WS = num('FUZZ_WS', 500)
const SEED = num('FUZZ_SEED', 11_000)
const CLI = num('FUZZ_CLI', 60)
const LIMITS = { hugeMb: 12, maxDepth: 100_000 }

async function main() {
  console.log(`fuzz: ${SSE} SSE + ${WS} WebSocket streams through the engine, seed ${SEED}`)
  const report = await runCampaign({
    sse: SSE,
    ws: WS,
    seed: SEED,
    limits: LIMITS,
    idleTimeoutMs: 1000,
    hangMs: 30_000,
    onCase(c, r, i) {
      if (process.env.FUZZ_VERBOSE || r.problems.length > 0)
        console.log(
          `  #${i} ${c.transport} seed ${c.seed} [${c.mutations.join(' ')}] ${r.outcome} ${r.ms.toFixed(0)} ms` +
            (r.problems.length
              ? `\n    ${r.problems.map((p) => `${p.kind}: ${p.detail.slice(0, 600)}`).join('\n    ')}`
              : ''),
        )
      else if ((i + 1) % 250 === 0) console.log(`  ${i + 1} streams...`)
    },
  })

  let cli = { runs: 0, hangs: 0, stackTraces: 0, failures: [] as string[] }
  if (CLI > 0) {
    console.log(`CLI sample: ${CLI} of the same cases through \`assistant exec\``)
    const step = Math.max(1, Math.floor((SSE + WS) / CLI))
    const cases = Array.from({ length: CLI }, (_, i) => {
      const k = i * step
      return k < SSE
        ? makeCase('sse', SEED + k, LIMITS)
        : makeCase('ws', SEED + 1_000_000 + (k - SSE), LIMITS)
    })
    cli = await runCliCases(cases)
    for (const f of cli.failures) console.log(`  ${f}`)
  }

  const c = report.counts
  console.log(
    `\nEngine: ${report.runs.sse} SSE + ${report.runs.ws} WebSocket streams in ${report.seconds.toFixed(0)} s`,
  )
  console.log(
    `  outcomes: ${report.outcomes.completed} completed, ${report.outcomes.aborted} aborted with an error`,
  )
  console.log(
    `  ${c.hang} hangs, ${c.stack_trace} stack traces, ${c.unreadable_history} unreadable histories, ${c.invalid_event} invalid events`,
  )
  console.log(
    `  mutations: ${Object.entries(report.mutations)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  )
  if (CLI > 0) console.log(`CLI: ${cli.runs} runs, ${cli.hangs} hangs, ${cli.stackTraces} stack traces`)
  for (const f of report.failures.slice(0, 20))
    console.log(
      `  failing seed ${f.seed} (${f.transport}) [${f.mutations.join(' ')}]: ${f.problems[0]?.kind}`,
    )
  const bad = c.hang + c.stack_trace + c.unreadable_history + c.invalid_event + cli.hangs + cli.stackTraces
  process.exit(bad > 0 ? 1 : 0)
}

main().catch((e) => {
  console.error(`fuzz failed: ${(e as Error).stack}`)
  process.exit(1)
})
