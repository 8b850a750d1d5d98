// Scheduling of the heavy one-off renders (KaTeX formulas, Mermaid diagrams) so none becomes a
// long task, while an answer streams or not. They start as soon as their block is complete:
//   - formulas are small jobs (one formula each) drained in idle time, a few milliseconds of them
//     per task (`queueTypeset`);
//   - a diagram is drawn in steps (load, parse, lay out, draw, clean up), each in its own idle
//     task (`nextIdle`), one diagram at a time; ELK's layout runs in a worker (elk-worker.ts).
// A streaming message holds the gate (SplitMarkdown with a live tail) only to say that a formula
// mounting now should queue rather than draw in the commit that mounts it.
let holders = 0

export function holdHeavyRenders(): () => void {
  holders++
  let released = false
  return () => {
    if (released) return
    released = true
    holders--
  }
}

export function isStreaming(): boolean {
  return holders > 0
}

type Idle = (cb: () => void, opts: { timeout: number }) => number
const ric = (globalThis as { requestIdleCallback?: Idle }).requestIdleCallback

/**
 * A new task once the page is idle (after the frame being produced), at most IDLE_WAIT_MS away
 * while it is busy; a plain new task where idle callbacks do not exist.
 */
const IDLE_WAIT_MS = 250
export function nextIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (ric) ric(() => resolve(), { timeout: IDLE_WAIT_MS })
    else setTimeout(resolve, 0)
  })
}

/** Milliseconds of typesetting per task: well under a frame, far under a long task. */
const BUDGET_MS = 6
const jobs: (() => void)[] = []
let scheduled = false

function drain(): void {
  scheduled = false
  const start = performance.now()
  // At least one job per task, so a slow one cannot stall the queue.
  do jobs.shift()!()
  while (jobs.length > 0 && performance.now() - start < BUDGET_MS)
  if (jobs.length > 0) schedule()
}

function schedule(): void {
  if (scheduled) return
  scheduled = true
  void nextIdle().then(drain)
}

/** Run `job` (one formula's typesetting) in a later idle task, in order; returns a cancel. */
export function queueTypeset(job: () => void): () => void {
  let live = true
  jobs.push(() => live && job())
  schedule()
  return () => {
    live = false
  }
}
