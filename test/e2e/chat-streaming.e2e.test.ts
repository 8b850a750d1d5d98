// Streaming Markdown in Chromium through the browser host and the emulator: text appears while it
// streams (in the live region, outside the list), GFM tables/lists/code render, code is
// highlighted with a working Copy button, and model output cannot inject HTML or script links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveChromium, pacedAnswer, send, shot, startHarness, type Harness } from './harness'

let h: Harness

const ANSWER = [
  '# Plan',
  '',
  'Some **bold**, `inline code`, a [safe link](https://example.com/docs) and a [bad one](javascript:alert(1)).',
  '',
  '<img src=x onerror=alert(1)> <script>alert(2)</script>',
  '',
  '| Step | Cost |',
  '|:-----|-----:|',
  '| parse | 1 ms |',
  '| render | 2 ms |',
  '',
  '```ts',
  'export function double(x: number): number {',
  '  return x * 2 // twice',
  '}',
  '```',
  '',
  '1. first',
  '2. second',
  '',
  'That is all.',
].join('\n')

describe.skipIf(!haveChromium)('chat: streaming answers', () => {
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h?.close()
  })

  it('streams Markdown into the live region, then shows it finished with highlighted code', async () => {
    const page = await h.open()
    // Record every link and element the page ever shows while streaming (the tail is drawn
    // outside React): none may carry a script URL or be an injected element.
    await page.evaluate(() => {
      const w = window as unknown as { __bad: string[] }
      w.__bad = []
      new MutationObserver(() => {
        for (const a of document.querySelectorAll('.live-answer a'))
          if (!(a as HTMLAnchorElement).href.startsWith('https:')) w.__bad.push((a as HTMLAnchorElement).href)
        for (const e of document.querySelectorAll('.live-answer img, .live-answer script'))
          w.__bad.push(e.tagName)
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    h.emu.script({ steps: pacedAnswer(ANSWER, 60, 40) })
    await send(page, 'Show me a plan with code')
    // While streaming: a partial answer in the live region, marked busy.
    const streaming = page.locator('[data-streaming=true]')
    await expect
      .poll(async () => ((await streaming.textContent()) ?? '').length, { timeout: 10_000 })
      .toBeGreaterThan(10)
    expect(await page.locator('.live-answer').getAttribute('aria-busy')).toBe('true')
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    expect(await page.evaluate(() => (window as unknown as { __bad: string[] }).__bad)).toEqual([])
    const answer = page.locator('.msg.assistant .text').last()
    await expect.poll(() => answer.locator('h1').textContent()).toBe('Plan')
    expect(await answer.locator('table th').allTextContents()).toEqual(['Step', 'Cost'])
    expect(await answer.locator('ol li').allTextContents()).toEqual(['first', 'second'])
    // Highlighted once complete (the grammar loads lazily).
    await expect.poll(() => answer.locator('.code-block .hljs-keyword').count()).toBeGreaterThan(0)
    expect(await answer.locator('.code-lang').textContent()).toBe('ts')
    // Untrusted output: no injected elements, no script links; https links open in a new context.
    expect(await page.locator('.md img, .md script').count()).toBe(0)
    expect(await answer.getByText('<img src=x onerror=alert(1)>', { exact: false }).count()).toBe(1)
    expect(await page.locator('a[href^="javascript"]').count()).toBe(0)
    const safe = answer.getByRole('link', { name: 'safe link' })
    expect(await safe.getAttribute('href')).toBe('https://example.com/docs')
    expect(await safe.getAttribute('rel')).toBe('noopener noreferrer')
    expect(await answer.getByText('bad one').evaluate((e) => e.tagName)).toBe('SPAN')
    // Copy puts the exact code on the clipboard.
    await answer.getByRole('button', { name: 'Copy' }).click()
    await expect.poll(() => answer.getByRole('button', { name: 'Copied' }).count()).toBe(1)
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'export function double(x: number): number {\n  return x * 2 // twice\n}',
    )
    await shot(page, 'streamed-answer', false)
    // The same conversation from history, in dark.
    const dark = await h.open({ dark: true })
    await dark.getByRole('button', { name: /Show me a plan with code/ }).click()
    await expect.poll(() => dark.locator('.code-block .hljs-keyword').count()).toBeGreaterThan(0)
    await shot(dark, 'streamed-answer', true)
    await page.close()
    await dark.close()
    expect(h.pageErrors).toEqual([])
  })

  it('coalesces deltas: the streaming message commits at most once per animation frame', async () => {
    const page = await h.open()
    // Count commits (DOM mutation batches) and animation frames while 300 deltas arrive quickly.
    await page.evaluate(() => {
      const w = window as unknown as { __commits: number; __frames: number; __stop: boolean }
      w.__commits = 0
      w.__frames = 0
      w.__stop = false
      const tick = () => {
        w.__frames++
        if (!w.__stop) requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
      new MutationObserver(() => w.__commits++).observe(document.querySelector('.scroller')!, {
        subtree: true,
        childList: true,
        characterData: true,
      })
    })
    const words = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ')
    h.emu.script({ steps: pacedAnswer(words, 300, 2) })
    await send(page, 'Many small deltas')
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    const { commits, frames } = await page.evaluate(() => {
      const w = window as unknown as { __commits: number; __frames: number; __stop: boolean }
      w.__stop = true
      return { commits: w.__commits, frames: w.__frames }
    })
    // 300 deltas; far fewer commits, bounded by the frames that passed (+ the start/end commits).
    expect(commits).toBeLessThan(300)
    expect(commits).toBeLessThanOrEqual(frames + 10)
    expect(await page.locator('.msg.assistant .text').last().textContent()).toBe(words)
    await page.close()
  })
})
