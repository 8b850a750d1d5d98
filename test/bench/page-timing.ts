// Page-side timing shared by the renderer benches: long tasks from the page's own observer, and
// opening a conversation from the sidebar until a given element is on screen.
import type { Page } from 'playwright-core'

export const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`

/** Starts the page's long-task observer; returns a reader of the durations (ms) between two page times. */
export async function installLongTasks(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __lt: [number, number][] }
    w.__lt = []
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__lt.push([e.startTime, e.duration])
    }).observe({ type: 'longtask', buffered: true })
  })
  return (from: number, to: number) =>
    page.evaluate(
      ([a, b]) =>
        (window as unknown as { __lt: [number, number][] }).__lt
          .filter(([s]) => s >= a! && s <= b!)
          .map(([, d]) => d),
      [from, to],
    )
}

/**
 * Clicks the sidebar entry whose text contains `title`; open = `ready` matches an element and a
 * frame has been produced with it. Page-clock start and duration.
 */
export function openConversation(
  page: Page,
  title: string,
  ready: string,
): Promise<{ t0: number; took: number }> {
  return page.evaluate(
    async ([t, sel]) => {
      const btn = [...document.querySelectorAll<HTMLButtonElement>('.conv-open')].find((b) =>
        b.textContent?.includes(t!),
      )!
      const t0 = performance.now()
      btn.click()
      await new Promise<void>((done) => {
        const check = () =>
          document.querySelector(sel!) ? requestAnimationFrame(() => done()) : requestAnimationFrame(check)
        check()
      })
      return { t0, took: performance.now() - t0 }
    },
    [title, ready] as const,
  )
}
