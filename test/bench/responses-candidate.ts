// One candidate's client process: `fork`ed by responses-bench.ts, it runs its candidate each
// time the parent asks and reports the measurement. argv: candidate name, base URL, data dir.
import { candidates } from './responses-candidates'

export interface Measure {
  wallMs: number
  cpuMs: number
  deltas: number
}

const [name, base, dataDir] = process.argv.slice(2) as [string, string, string]
const run = candidates[name]
if (!run) throw new Error(`unknown candidate ${name}`)

process.on('message', (msg) => {
  if (msg !== 'run') return
  void (async () => {
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    try {
      const deltas = await run(base, dataDir)
      const wallMs = performance.now() - t0
      const cpu = process.cpuUsage(cpu0)
      process.send!({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, deltas } satisfies Measure)
    } catch (e) {
      process.send!({ error: e instanceof Error ? e.message : String(e) })
    }
  })()
})
process.send!('ready')
