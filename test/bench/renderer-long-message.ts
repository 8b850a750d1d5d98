// One finished 20,000-token answer (40 code blocks) opened from history: how long until it is on
// screen, and the long tasks meanwhile. Such a message is rendered whole when it enters the view.
import { randomUUID } from 'node:crypto'
import { startHarness } from '../e2e/harness'
import { HistoryStore } from '../../main/core/history/store'
import { assistantMessage, userMessage } from '@shared/wire/items'
import { renderFixture } from './render-fixture'
import type { BenchRow } from './renderer-bench'
import { installLongTasks, ms, openConversation } from './page-timing'

function seed(dataDir: string): void {
  const store = new HistoryStore(dataDir)
  const add = (q: string, a: string) => {
    const id = randomUUID()
    store.create(id, 'openai', 'gpt-5.2')
    store.appendItem(id, 't0', userMessage(q))
    store.appendItem(id, 't0', assistantMessage(a))
  }
  add('One very long answer', renderFixture().text)
  add('A short one', 'Short.')
  store.close()
}

export async function longMessageRows(): Promise<BenchRow[]> {
  const h = await startHarness({ viewport: { width: 1280, height: 900 }, seed })
  try {
    const page = await h.open()
    const longTasks = await installLongTasks(page)
    const open = async (title: string, ready: string) => {
      const { t0, took } = await openConversation(page, title, ready)
      return { took, lt: await longTasks(t0, t0 + took) }
    }
    const runs: { took: number; lt: number[] }[] = []
    for (let i = 0; i < 3; i++) {
      await open('A short one', '[role=feed] article[aria-posinset="2"]')
      runs.push(await open('One very long answer', '.msg.assistant h2:nth-of-type(40)'))
    }
    const sorted = [...runs].sort((a, b) => a.took - b.took)
    const median = sorted[1]!
    const opening = runs.flatMap((r) => r.lt)
    return [
      {
        name: 'one 20,000-token answer: open',
        value: `median ${ms(median.took)} (${runs.map((r) => r.took.toFixed(0)).join(', ')})`,
        target: 'printed',
        ok: null,
      },
      {
        name: '  long tasks while opening it',
        value: opening.length ? `${opening.length}, max ${ms(Math.max(...opening))}` : 'none',
        target: 'printed',
        ok: null,
      },
    ]
  } finally {
    await h.close()
  }
}
