// Switching branches in Chromium (issue 13): a 1,000-turn conversation with 50 branch points
// opened in the window (browser host + emulator); ‹ and › on the last question's 1/2 · 2/2 are
// clicked in turn, each time from the click to the first frame that shows the other version. The
// whole path is rebuilt and sent on every switch wherever the branch point is, so the last one
// (on screen when the conversation opens) stands for all. Nothing here asserts.
import { startHarness } from '../e2e/harness'
import { installLongTasks, ms, openConversation } from './page-timing'
import { editedQuestion, question, writeBranchyConversation } from './branchy-conversation'
import type { BenchRow } from './renderer-bench'

const TURNS = 1000
const POINTS = 50
const SWITCHES = 21

export async function branchesPageBench(): Promise<BenchRow[]> {
  const h = await startHarness({
    viewport: { width: 1280, height: 900 },
    seed: (d) => void writeBranchyConversation(d, TURNS, POINTS, 'Branches everywhere'),
  })
  try {
    const page = await h.open()
    await openConversation(page, 'Branches everywhere', `[data-testid=sibling-switch]`)
    const longTasks = await installLongTasks(page)
    const last = TURNS - 1
    const times: number[] = []
    let long: number[] = []
    for (let i = 0; i < SWITCHES; i++) {
      // Even rounds go to the edited version (1/2), odd ones back to the main line (2/2).
      const [label, want] =
        i % 2 === 0 ? ['Previous version', editedQuestion(last)] : ['Next version', question(last)]
      const r = await page.evaluate(
        async ([lbl, text]) => {
          const switches = document.querySelectorAll('[data-testid=sibling-switch]')
          const btn = switches[switches.length - 1]!.querySelector<HTMLButtonElement>(
            `[aria-label="${lbl}"]`,
          )!
          const shown = () =>
            [...document.querySelectorAll('.msg.user')].some((m) => m.textContent?.includes(text!))
          const t0 = performance.now()
          btn.click()
          await new Promise<void>((done) => {
            const check = () => (shown() ? requestAnimationFrame(() => done()) : requestAnimationFrame(check))
            check()
          })
          return { t0, took: performance.now() - t0 }
        },
        [label, want] as const,
      )
      times.push(r.took)
      long = long.concat(await longTasks(r.t0, r.t0 + r.took))
    }
    const sorted = [...times].sort((a, b) => a - b)
    const median = sorted[Math.floor(sorted.length / 2)]!
    return [
      {
        name: `switch branch (${TURNS} turns, ${POINTS} points)`,
        value: `median ${ms(median)} · p90 ${ms(sorted[Math.floor(sorted.length * 0.9)]!)} · max ${ms(sorted.at(-1)!)} (${SWITCHES} switches)`,
        target: 'median < 100 ms',
        ok: median < 100,
      },
      {
        name: '  long tasks while switching',
        value: long.length ? `${long.length}, max ${ms(Math.max(...long))}` : 'none',
        target: 'printed',
        ok: null,
      },
    ]
  } finally {
    await h.close()
  }
}
