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

/** What Mermaid calls: `new ELK()` then `layout(graph)`; every instance shares the worker. */
export default class SharedElk {
  layout<T extends ElkNode>(graph: T, args?: Parameters<ELK['layout']>[1]) {
    const elk = workerElk()
    const onPage = () => pageElk().then((e) => e.layout(graph, args))
    if (!elk) return onPage()
    return Promise.race([elk.layout(graph, args), broken!.then(onPage)])
  }
}
