// Streaming in the renderer: the real app through the browser host and the emulator (20,000
// deltas with 40 code blocks at 200 deltas/s), and the full-re-parse baseline page fed the same
// deltas at the same rate. Measures renderer scripting time (DevTools Performance metrics), long
// tasks (Long Tasks API) and token-to-pixel latency (the emulator's write time of each marked
// delta vs the time a MutationObserver sees it in the DOM; both clocks are epoch-aligned through
// performance.timeOrigin on the same machine).
import http from 'node:http'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { WebSocket } from 'ws'
import { build } from 'vite'
import react from '@vitejs/plugin-react'
import type { Browser, Page } from 'playwright-core'
import { ROOT, send, startHarness } from '../e2e/harness'
import { completed, created, inProgress, messageItem, messageSteps } from '../emulator/scripts'
import type { Step } from '../emulator/index'
import { renderFixture } from './render-fixture'
import { installLongTasks } from './page-timing'

export interface StreamRun {
  deltas: number
  /** Deltas per second actually delivered. */
  rate: number
  wallMs: number
  scriptMs: number
  longTasks: number[]
  /** Token-to-pixel latencies (ms) of the marked deltas seen on screen. */
  t2p: number[]
  markersMissed: number
}

const now = () => performance.timeOrigin + performance.now()

async function metrics(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  return async () => {
    const r = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
    return Object.fromEntries(r.metrics.map((m) => [m.name, m.value])) as Record<string, number>
  }
}

function streamSteps(deltas: string[], perTick: number, tickMs: number): Step[] {
  const text = deltas.join('')
  const itemId = 'msg_bench'
  const body = messageSteps(text, { chunks: 1, sequenceStart: 2, itemId }) as {
    event: Record<string, unknown>
  }[]
  const delta = body[2]!.event
  const out: Step[] = [created({ sequenceNumber: 0 }), inProgress({ sequenceNumber: 1 }), body[0]!, body[1]!]
  let seq = 4
  deltas.forEach((d, i) => {
    if (i % perTick === 0) out.push({ delayMs: tickMs })
    out.push({ event: { ...delta, delta: d, sequence_number: seq++ } })
  })
  for (const s of body.slice(3)) out.push({ event: { ...s.event, sequence_number: seq++ } })
  out.push(completed({ output: [messageItem(text, { itemId })], sequenceNumber: seq }))
  return out
}

function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}
export { percentile }

/** The app: browser host + emulator, the real renderer (the code fixture unless told). */
export async function appStreamRun(
  deltas = renderFixture(Number(process.env.BENCH_RENDER_SECTIONS ?? 40)).deltas,
): Promise<StreamRun> {
  const h = await startHarness({ viewport: { width: 1280, height: 900 } })
  const writes = new Map<number, number>()
  const proto = WebSocket.prototype as unknown as { send: (data: unknown, ...rest: unknown[]) => void }
  const original = proto.send
  // The emulator writing a delta: the moment its socket is handed the frame.
  proto.send = function (this: unknown, data: unknown, ...rest: unknown[]) {
    if (typeof data === 'string' && data.includes('"response.output_text.delta"')) {
      const m = /"delta":"w(\d+)/.exec(data)
      if (m) writes.set(Number(m[1]), now())
    }
    return original.call(this, data, ...rest)
  }
  try {
    const page = await h.open()
    const longTasks = await installLongTasks(page)
    const read = await metrics(page)
    // Token-to-pixel probe: each marker's first appearance in the DOM. It scans only text it has
    // not scanned before (new nodes, and what was appended to a text node), so its own cost in
    // the measured scripting time stays small.
    await page.evaluate(() => {
      const w = window as unknown as { __seen: Record<number, number> }
      w.__seen = {}
      let last = -1
      const scanned = new WeakMap<Node, number>()
      const re = /w(\d+)/g
      const scan = (text: string, from: number, t: number) => {
        re.lastIndex = Math.max(0, from - 8)
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const n = Number(m[1])
          if (n > last) {
            w.__seen[n] = t
            last = n
          }
        }
      }
      new MutationObserver((records) => {
        const t = performance.timeOrigin + performance.now()
        for (const r of records) {
          if (
            !(r.target as Element).closest?.('.live-answer') &&
            !r.target.parentElement?.closest('.live-answer')
          )
            continue
          if (r.type === 'characterData') {
            const node = r.target as Text
            scan(node.data, scanned.get(node) ?? 0, t)
            scanned.set(node, node.data.length)
          } else for (const n of r.addedNodes) scan(n.textContent ?? '', 0, t)
        }
      }).observe(document.querySelector('.scroller')!, {
        subtree: true,
        childList: true,
        characterData: true,
      })
    })
    // Two deltas every 9 ms: the emulator's timers add about a millisecond, so ~200 deltas/s arrive.
    h.emu.script({ steps: streamSteps(deltas, 2, 9) })
    const before = await read()
    const t0 = await page.evaluate(() => performance.now())
    const wall0 = now()
    await send(page, 'Benchmark answer')
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 600_000 })
    const wallMs = now() - wall0
    const after = await read()
    const t1 = await page.evaluate(() => performance.now())
    const seen = await page.evaluate(() => (window as unknown as { __seen: Record<number, number> }).__seen)
    const t2p: number[] = []
    let missed = 0
    for (const [n, w] of writes) {
      const s = seen[n]
      if (s === undefined) missed++
      else t2p.push(s - w)
    }
    const times = [...writes.values()]
    const span = Math.max(...times) - Math.min(...times)
    return {
      deltas: deltas.length,
      rate: (deltas.length / span) * 1000,
      wallMs,
      scriptMs: ((after.ScriptDuration ?? 0) - (before.ScriptDuration ?? 0)) * 1000,
      longTasks: await longTasks(t0, t1),
      t2p,
      markersMissed: missed,
    }
  } finally {
    proto.send = original
    await h.close()
  }
}

async function serveDir(dir: string): Promise<{ url: string; close: () => void }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/^\/+/, '') || 'index.html'
    const file = path.join(dir, path.normalize(rel))
    if (!file.startsWith(dir) || !fs.existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' })
    fs.createReadStream(file).pipe(res)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() }
}

/** The baseline: full re-parse and synchronous commit per delta, same fixture and rate. */
export async function baselineStreamRun(browser: Browser): Promise<StreamRun> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-page-'))
  await build({
    configFile: false,
    logLevel: 'silent',
    root: path.join(ROOT, 'test/bench/renderer-page'),
    resolve: { alias: { '@shared': path.join(ROOT, 'shared') } },
    plugins: [react()],
    define: {
      'process.env.BENCH_RENDER_SECTIONS': JSON.stringify(process.env.BENCH_RENDER_SECTIONS ?? '40'),
    },
    build: { outDir, emptyOutDir: true, minify: true },
  })
  const server = await serveDir(outDir)
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  await page.addInitScript('globalThis.__name = (f) => f')
  try {
    await page.goto(server.url)
    const longTasks = await installLongTasks(page)
    const read = await metrics(page)
    const before = await read()
    const t0 = await page.evaluate(() => performance.now())
    const r = await page.evaluate(() => window.__bench.start())
    const after = await read()
    const t1 = await page.evaluate(() => performance.now())
    return {
      deltas: r.deltas,
      rate: (r.deltas / r.ms) * 1000,
      wallMs: r.ms,
      scriptMs: ((after.ScriptDuration ?? 0) - (before.ScriptDuration ?? 0)) * 1000,
      longTasks: await longTasks(t0, t1),
      t2p: [],
      markersMissed: 0,
    }
  } finally {
    await page.close()
    server.close()
    fs.rmSync(outDir, { recursive: true, force: true })
  }
}
