// Renderer budgets (issue 5), measured in Chromium through the browser host and the emulator:
//   - initial bundle size (gzip) and what loads lazily,
//   - a 1,000-turn conversation: open time and scrolling without long tasks,
//   - one finished 20,000-token answer opened from history,
//   - a 20,000-token answer with 40 code blocks at 200 deltas/s: long tasks, renderer scripting
//     time against a full-re-parse-per-delta baseline (same run, printed as a ratio), and
//     token-to-pixel latency.
// Nothing here asserts; it returns rows for `npm run bench` to print.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { randomUUID } from 'node:crypto'
import { ROOT, startHarness } from '../e2e/harness'
import { appStreamRun, baselineStreamRun, percentile } from './renderer-stream-bench'
import { richStreamRows } from './renderer-rich-bench'
import { longMessageRows } from './renderer-long-message'
import { installLongTasks, ms, openConversation } from './page-timing'

export interface BenchRow {
  name: string
  value: string
  target: string
  /** null: informational. */
  ok: boolean | null
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`

function bundleRows(): BenchRow[] {
  const dir = path.join(ROOT, 'out/renderer')
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8')
  const initial = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]!)
  const gz = (f: string) => zlib.gzipSync(fs.readFileSync(path.join(dir, f))).length
  const initialGz = initial.reduce((a, f) => a + gz(f), 0)
  const lazy = fs
    .readdirSync(path.join(dir, 'assets'))
    .map((f) => `assets/${f}`)
    .filter((f) => f.endsWith('.js') && !initial.includes(f))
  const lazyGz = lazy.reduce((a, f) => a + gz(f), 0)
  const hl = lazy.filter((f) => /core-|typescript-|python-|javascript-/.test(f))
  return [
    { name: 'initial bundle (JS+CSS, gzip)', value: kb(initialGz), target: 'printed', ok: null },
    {
      name: 'lazy chunks (gzip)',
      value: `${kb(lazyGz)} in ${lazy.length} chunks`,
      target: 'highlighting lazy',
      ok: hl.length > 0 && !initial.some((f) => /core-/.test(f)),
    },
  ]
}

/** A history file with `turns` turns (question + Markdown answer, a code block every 5th). */
function writeConversation(dataDir: string, title: string, turns: number): void {
  const id = randomUUID()
  const dir = path.join(dataDir, 'conversations')
  fs.mkdirSync(dir, { recursive: true })
  const at = new Date(Date.now() - turns * 1000).toISOString()
  const lines = [
    JSON.stringify({ kind: 'meta', version: 1, id, createdAt: at, provider: 'openai', model: 'gpt-5.2' }),
  ]
  for (let i = 0; i < turns; i++) {
    const turnId = `t${i}`
    const t = new Date(Date.now() - (turns - i) * 1000).toISOString()
    const q = i === 0 ? title : `Question ${i}: how does part ${i} work?`
    const code =
      i % 5 === 0 ? `\n\n\`\`\`ts\nexport function part${i}(x: number) {\n  return x * ${i}\n}\n\`\`\`\n` : ''
    const a = `Part **${i}** works like this: it reads the input, checks it, and returns a result.\n\n- first, it parses\n- then, it validates${code}\n\nThat is all for part ${i}.`
    lines.push(
      JSON.stringify({
        kind: 'item',
        turnId,
        at: t,
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: q }] },
      }),
      JSON.stringify({
        kind: 'item',
        turnId,
        at: t,
        item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: a }] },
      }),
      JSON.stringify({
        kind: 'turn',
        turnId,
        at: t,
        status: 'completed',
        model: 'gpt-5.2',
        serverModel: 'gpt-5.2',
        responseId: null,
        usage: {
          input_tokens: 100 * i,
          cached_input_tokens: 0,
          output_tokens: 60,
          reasoning_output_tokens: 0,
          total_tokens: 100 * i + 60,
        },
      }),
    )
  }
  fs.writeFileSync(path.join(dir, `${id}.jsonl`), lines.join('\n') + '\n', { mode: 0o600 })
}

async function longConversationRows(): Promise<BenchRow[]> {
  const TURNS = 1000
  const h = await startHarness({
    viewport: { width: 1280, height: 900 },
    seed: (d) => {
      writeConversation(d, 'A thousand turns', TURNS)
      writeConversation(d, 'A short one', 3)
    },
  })
  try {
    const page = await h.open()
    const longTasks = await installLongTasks(page)
    // Open = the last row is in the DOM and a frame has been produced with it.
    const open = (title: string, rows: number) =>
      openConversation(page, title, `[role=feed] article[aria-posinset="${rows}"]`)
    const times: number[] = []
    let openLong: number[] = []
    for (let i = 0; i < 3; i++) {
      await open('A short one', 6)
      const { t0, took } = await open('A thousand turns', TURNS * 2)
      times.push(took)
      openLong = openLong.concat(await longTasks(t0, t0 + took))
    }
    const scroll = await page.evaluate(async () => {
      const sc = document.querySelector<HTMLElement>('[data-testid=scroller]')!
      const t0 = performance.now()
      let frames = 0
      let maxGap = 0
      let last = t0
      let mounted = 0
      await new Promise<void>((done) => {
        const step = (now: number) => {
          frames++
          maxGap = Math.max(maxGap, now - last)
          last = now
          mounted = Math.max(mounted, document.querySelectorAll('[role=feed] article').length)
          sc.scrollTop -= 900
          if (sc.scrollTop <= 0 || frames > 800) done()
          else requestAnimationFrame(step)
        }
        requestAnimationFrame(step)
      })
      return { t0, frames, ms: performance.now() - t0, maxGap, mounted, reachedTop: sc.scrollTop <= 0 }
    })
    const scrollLong = await longTasks(scroll.t0, scroll.t0 + scroll.ms)
    const median = [...times].sort((a, b) => a - b)[1]!
    return [
      {
        name: '1,000-turn conversation: open',
        value: `median ${ms(median)} (${times.map((t) => t.toFixed(0)).join(', ')})`,
        target: '< 300 ms',
        ok: median < 300,
      },
      {
        name: '  long tasks while opening',
        value: openLong.length ? `${openLong.length}, max ${ms(Math.max(...openLong))}` : 'none',
        target: 'printed',
        ok: null,
      },
      {
        name: '1,000-turn conversation: scroll to top',
        value: `${scroll.frames} frames in ${ms(scroll.ms)}, worst frame ${ms(scroll.maxGap)}, ≤${scroll.mounted} rows in DOM${scroll.reachedTop ? '' : ' (stopped early)'}`,
        target: 'no long task',
        ok: null,
      },
      {
        name: '  long tasks while scrolling',
        value: scrollLong.length ? `${scrollLong.length}, max ${ms(Math.max(...scrollLong))}` : 'none',
        target: 'none',
        ok: scrollLong.length === 0,
      },
    ]
  } finally {
    await h.close()
  }
}

async function streamingRows(): Promise<BenchRow[]> {
  const app = await appStreamRun()
  // The baseline runs in its own Chromium (the app run has closed its own).
  const { chromium } = await import('playwright-core')
  const { CHROMIUM, CHROMIUM_ARGS } = await import('../e2e/harness')
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  let base
  try {
    base = await baselineStreamRun(browser)
  } finally {
    await browser.close()
  }
  const ratio = app.scriptMs / base.scriptMs
  const maxLong = app.longTasks.length ? Math.max(...app.longTasks) : 0
  const p95 = percentile(app.t2p, 95)
  return [
    {
      name: 'stream: deltas and rate (app)',
      value: `${app.deltas.toLocaleString('en')} at ${app.rate.toFixed(0)}/s in ${(app.wallMs / 1000).toFixed(1)} s`,
      target: '200/s',
      ok: null,
    },
    {
      name: 'stream: long tasks > 50 ms (app)',
      value: app.longTasks.length
        ? `${app.longTasks.filter((d) => d > 50).length} (of ${app.longTasks.length}; max ${ms(maxLong)})`
        : 'none',
      target: '0',
      ok: !app.longTasks.some((d) => d > 50),
    },
    {
      name: 'stream: renderer scripting (app)',
      value: ms(app.scriptMs),
      target: 'printed',
      ok: null,
    },
    {
      name: 'stream: full re-parse per delta',
      value: `${ms(base.scriptMs)} (${base.rate.toFixed(0)}/s achieved; ${base.longTasks.length} long tasks, max ${ms(base.longTasks.length ? Math.max(...base.longTasks) : 0)})`,
      target: 'baseline',
      ok: null,
    },
    {
      name: 'stream: app / baseline scripting',
      value: `${(ratio * 100).toFixed(1)}%`,
      target: '< 10%',
      ok: ratio < 0.1,
    },
    {
      name: 'stream: token-to-pixel',
      value: `p50 ${ms(percentile(app.t2p, 50))} · p95 ${ms(p95)} · max ${ms(Math.max(...app.t2p))} (${app.t2p.length} samples, ${app.markersMissed} unseen)`,
      target: 'p95 < 33 ms',
      ok: p95 < 33,
    },
  ]
}

export async function rendererBench(): Promise<BenchRow[]> {
  const rows = bundleRows()
  if (!fs.existsSync('/usr/bin/chromium'))
    return [
      ...rows,
      { name: 'Chromium', value: 'not installed: browser measurements skipped', target: '', ok: null },
    ]
  rows.push(...(await longConversationRows()))
  if (process.env.BENCH_RENDER_LONG !== '0') rows.push(...(await longMessageRows()))
  rows.push(...(await streamingRows()))
  if (process.env.BENCH_RENDER_RICH !== '0') rows.push(...(await richStreamRows()))
  return rows
}

/** `node --import tsx test/bench/renderer-bench.ts`: this part alone. */
if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'renderer-bench.ts')
) {
  rendererBench().then(
    (rows) => {
      for (const r of rows)
        console.log(
          `  ${r.name.padEnd(40)} ${r.value}  [${r.target}]${r.ok === null ? '' : r.ok ? ' OK' : ' MISSED'}`,
        )
      process.exit(0)
    },
    (e: Error) => {
      console.error(e)
      process.exit(1)
    },
  )
}
