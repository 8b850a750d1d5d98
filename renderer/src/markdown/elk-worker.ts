// Mermaid's ELK layout, run in a Web Worker. Mermaid builds `new ELK()` from
// `elkjs/lib/elk.bundled.js` for every diagram, which runs ELK (1.5 MB of compiled Java) on the
// page's thread: its first use spent ~50 ms initialising and ~70 ms laying out one small
// flowchart, long tasks in the middle of a streamed answer. The build aliases that module to
// this one (electron.vite.config.ts): one shared ELK whose layouts run in a worker (CSP
// `worker-src 'self'`). If the worker cannot start, layouts fall back to ELK on the page.
import ElkApi, { type ELK, type ElkNode } from 'elkjs/lib/elk-api.js'
import workerUrl from 'elkjs/lib/elk-worker.min.js?url'

let worker: ELK | null = null
let broken: Promise<void> | null = null
let inPage: Promise<ELK> | null = null

function pageElk(): Promise<ELK> {
  inPage ??= import('elkjs/lib/elk-worker.min.js').then(
    (m) => new ElkApi({ workerFactory: () => new m.Worker() }),
  )
  return inPage
}

function workerElk(): ELK | null {
  if (worker || broken) return worker
  let fail: () => void = () => undefined
  broken = new Promise<void>((resolve) => (fail = resolve))
  try {
    worker = new ElkApi({
      workerUrl,
      workerFactory: (url) => {
        const w = new Worker(url!)
        // A worker that cannot load (or dies) never answers: hand its layouts to the page.
        w.addEventListener('error', () => {
          worker = null
          fail()
        })
        return w
      },
    })
  } catch {
    worker = null
    fail()
  }
  return worker
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

/**
 * The graph as data a worker can receive: Mermaid's nodes carry functions (their shape's drawing
 * code), which cannot be posted. Anything but plain data is left out (null in arrays, so indices
 * still match when the layout is copied back).
 */
export function plainGraph(v: unknown): Json | undefined {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v
  if (Array.isArray(v)) return v.map((x) => plainGraph(x) ?? null)
  if (typeof v !== 'object') return undefined
  const proto = Object.getPrototypeOf(v) as unknown
  if (proto !== Object.prototype && proto !== null) return undefined
  const out: { [k: string]: Json } = {}
  for (const [k, x] of Object.entries(v)) {
    const p = plainGraph(x)
    if (p !== undefined) out[k] = p
  }
  return out
}

/**
 * Copy what the worker computed (positions, sizes, edge sections) onto Mermaid's own graph, as
 * ELK on the page would have written it: Mermaid reads the graph it passed in, functions included.
 */
export function copyLayout(target: Record<string, unknown>, laidOut: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(laidOut)) {
    const t = target[k]
    if (v !== null && typeof v === 'object' && t !== null && typeof t === 'object')
      copyLayout(t as Record<string, unknown>, v as Record<string, unknown>)
    else if (!(k in target) || typeof t !== 'function') target[k] = v
  }
}

/** What Mermaid calls: `new ELK()` then `layout(graph)`; every instance shares the worker. */
export default class SharedElk {
  layout<T extends ElkNode>(graph: T, args?: Parameters<ELK['layout']>[1]): Promise<T> {
    const elk = workerElk()
    const onPage = () => pageElk().then((e) => e.layout(graph, args) as Promise<T>)
    if (!elk) return onPage()
    const inWorker = elk.layout(plainGraph(graph) as unknown as ElkNode, args).then((out) => {
      copyLayout(graph as unknown as Record<string, unknown>, out as unknown as Record<string, unknown>)
      return graph
    })
    return Promise.race([inWorker, broken!.then(onPage)])
  }
}
