// The math-heavy and diagram-heavy streams: the same app run as the code stream (browser host,
// emulator, ~20,000 deltas at ~200/s) on answers full of TeX or Mermaid flowcharts, with the
// same gates: no long task over 50 ms while streaming, token-to-pixel p95 under 33 ms.
import { appStreamRun, percentile } from './renderer-stream-bench'
import { richFixture, type RichKind } from './rich-fixture'

export interface RichRow {
  name: string
  value: string
  target: string
  ok: boolean | null
}

const ms = (x: number) => `${x.toFixed(1)} ms`

export async function richStreamRows(): Promise<RichRow[]> {
  const sections = Number(process.env.BENCH_RENDER_SECTIONS ?? 40)
  const rows: RichRow[] = []
  for (const kind of ['math', 'diagram'] as RichKind[]) {
    const run = await appStreamRun(richFixture(kind, sections).deltas)
    const long = run.longTasks.filter((d) => d > 50)
    const p95 = percentile(run.t2p, 95)
    const label = kind === 'math' ? 'math' : 'diagrams'
    rows.push(
      {
        name: `stream (${label}): long tasks > 50 ms`,
        value: run.longTasks.length
          ? `${long.length} (of ${run.longTasks.length}; max ${ms(Math.max(...run.longTasks))}) · ${run.deltas.toLocaleString('en')} at ${run.rate.toFixed(0)}/s`
          : `none · ${run.deltas.toLocaleString('en')} at ${run.rate.toFixed(0)}/s`,
        target: '0',
        ok: long.length === 0,
      },
      {
        name: `stream (${label}): token-to-pixel`,
        value: `p50 ${ms(percentile(run.t2p, 50))} · p95 ${ms(p95)} · max ${ms(Math.max(...run.t2p))} (${run.t2p.length} samples, ${run.markersMissed} unseen)`,
        target: 'p95 < 33 ms',
        ok: p95 < 33,
      },
    )
  }
  return rows
}
