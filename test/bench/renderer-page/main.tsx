// The baseline of the renderer bench: what a chat window does without block memoisation or
// coalescing — every delta appends to React state and the whole message is lexed and rendered
// again, committed synchronously. Code blocks are plain (no highlighting), which only makes the
// baseline cheaper than the app. The same fixture and delta rate as the app run.
import { useEffect, useState, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { flushSync } from 'react-dom'
import { blockToken, lex } from '../../../renderer/src/markdown/render'
import { renderFixture } from '../render-fixture'
import '../../../renderer/src/app.css'

const RATE = Number(new URLSearchParams(location.search).get('rate') ?? 200)

function fullParse(text: string): ReactNode[] {
  return lex(text).map((t, i) =>
    t.type === 'code' ? (
      <pre key={i}>
        <code>{(t as { text: string }).text}</code>
      </pre>
    ) : (
      blockToken(t, String(i))
    ),
  )
}

declare global {
  interface Window {
    __bench: { start(): Promise<{ deltas: number; ms: number }> }
  }
}

let feed: ((d: string) => void) | null = null

function Naive() {
  const [text, setText] = useState('')
  useEffect(() => {
    feed = (d) => flushSync(() => setText((t) => t + d))
  }, [])
  return <div className="md">{fullParse(text)}</div>
}

window.__bench = {
  start() {
    const { deltas } = renderFixture(Number(process.env.BENCH_RENDER_SECTIONS ?? 40))
    const t0 = performance.now()
    let sent = 0
    return new Promise((resolve) => {
      // Deliver what is due every 20 ms, like a socket delivering several messages per task.
      const tick = () => {
        const due = Math.min(deltas.length, Math.floor(((performance.now() - t0) * RATE) / 1000))
        while (sent < due) feed!(deltas[sent++]!)
        if (sent < deltas.length) setTimeout(tick, 20)
        else resolve({ deltas: sent, ms: performance.now() - t0 })
      }
      setTimeout(tick, 20)
    })
  },
}

createRoot(document.getElementById('root')!).render(
  <div className="content">
    <Naive />
  </div>,
)
