// Reasoning headers (protocol.md §9): while the model reasons, the first bold header of the
// current summary is the live status line; a block without a header shows nothing; a finished
// block with a header and a body becomes a collapsible summary, one without stays hidden.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveChromium, send, startHarness, type Harness } from './harness'
import {
  completed,
  created,
  inProgress,
  messageItem,
  messageSteps,
  reasoningItem,
  reasoningSteps,
  paced,
} from '../emulator/scripts'

let h: Harness

function reasoningThenAnswer(summary: string, answer: string, ms: number) {
  const reasoning = reasoningSteps([summary], { outputIndex: 0, sequenceStart: 2, chunks: 8 })
  const message = messageSteps(answer, { outputIndex: 1, sequenceStart: 2 + reasoning.length, chunks: 4 })
  return [
    created({ sequenceNumber: 0 }),
    inProgress({ sequenceNumber: 1 }),
    ...paced(reasoning, ms),
    ...paced(message, 30),
    completed({ output: [reasoningItem([summary]), messageItem(answer)] }),
  ]
}

describe.skipIf(!haveChromium)('chat: reasoning header', () => {
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h?.close()
  })

  it('shows the header as a live status line while reasoning, then clears it', async () => {
    const page = await h.open()
    h.emu.script({
      steps: reasoningThenAnswer(
        '**Weighing the options**\n\nComparing a few approaches carefully.',
        'Done thinking.',
        150,
      ),
    })
    await send(page, 'Think about it')
    const status = page.getByTestId('reasoning-status')
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('Weighing the options')
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    expect(await status.count()).toBe(0)
    // The finished block (header + body) is a collapsed summary above the answer.
    const cell = page.locator('details.reasoning')
    expect(await cell.locator('summary').textContent()).toBe('Weighing the options')
    expect(await page.locator('.msg.assistant .text').last().textContent()).toBe('Done thinking.')
    await page.close()
  })

  it('a reasoning block without a bold header shows no header and no summary', async () => {
    const page = await h.open()
    h.emu.script({
      steps: reasoningThenAnswer('just musing without any header at all', 'Plain answer.', 120),
    })
    const seen: string[] = []
    await page.exposeFunction('__status', (t: string) => seen.push(t))
    await page.evaluate(() => {
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid=reasoning-status]')
        if (el) (window as unknown as { __status: (t: string) => void }).__status(el.textContent ?? '')
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    await send(page, 'Think quietly')
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    expect(seen.some((t) => t.includes('musing'))).toBe(false)
    expect(await page.locator('details.reasoning').count()).toBe(0)
    expect(await page.locator('.msg.assistant .text').last().textContent()).toBe('Plain answer.')
    await page.close()
  })
})
