// Heavy one-off renders (a Mermaid layout takes longer than a frame) wait until no message is
// streaming, so they never become long tasks in the middle of a stream. A streaming message
// holds the gate while it is mounted as streaming (SplitMarkdown with a live tail).
let holders = 0
let waiters: (() => void)[] = []

export function holdHeavyRenders(): () => void {
  holders++
  let released = false
  return () => {
    if (released) return
    released = true
    if (--holders > 0) return
    const run = waiters
    waiters = []
    // After the frame that finished the stream has been painted.
    setTimeout(() => {
      for (const w of run) w()
    }, 0)
  }
}

export function whenNotStreaming(): Promise<void> {
  if (holders === 0) return Promise.resolve()
  return new Promise((resolve) => waiters.push(resolve))
}

export function isStreaming(): boolean {
  return holders > 0
}

/**
 * Small typesetting jobs (one formula each) run a few per task, so a block with many formulas,
 * or a whole answer typeset at once, never makes one long task.
 */
const PER_TASK = 3
const slots: (() => void)[] = []
let scheduled = false

function drain(): void {
  scheduled = false
  const run = slots.splice(0, PER_TASK)
  for (const r of run) r()
  if (slots.length > 0) schedule()
}

function schedule(): void {
  if (scheduled) return
  scheduled = true
  setTimeout(drain, 0)
}

export function typesetSlot(): Promise<void> {
  return new Promise((resolve) => {
    slots.push(resolve)
    schedule()
  })
}
