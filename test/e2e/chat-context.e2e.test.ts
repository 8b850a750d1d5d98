// The context meter: tokens used of the model's effective context window and where
// auto-compaction would start, from ModelInfo before the first turn and from token_count after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveChromium, pacedAnswer, send, startHarness, type Harness } from './harness'

let h: Harness

describe.skipIf(!haveChromium)('chat: context meter', () => {
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h?.close()
  })

  it('shows the effective window from ModelInfo, then the tokens a turn used', async () => {
    const page = await h.open()
    const meter = page.getByTestId('context-meter')
    // gpt-5.2 in the built-in catalog: a 400k window, 95% effective, compaction at 90%.
    await expect.poll(() => meter.textContent()).toBe('Context 0 of 380k · compacts at 360k')
    h.emu.script({
      steps: pacedAnswer('Counted.', 2, 10, { usage: { input_tokens: 12_000, output_tokens: 345 } }),
    })
    await send(page, 'Count my tokens')
    await expect
      .poll(() => meter.textContent(), { timeout: 10_000 })
      .toBe('Context 12k of 380k · compacts at 360k')
    expect(await meter.getAttribute('aria-valuenow')).toBe('12345')
    expect(await meter.getAttribute('aria-valuemax')).toBe('380000')
    expect(await meter.getAttribute('title')).toMatch(
      /12,345 tokens used of an effective 380,000; auto-compaction would start at 360,000/,
    )
    // Reopened from history: the last turn's usage.
    await page.reload()
    await page.getByRole('button', { name: /Count my tokens/ }).click()
    await expect.poll(() => meter.textContent()).toBe('Context 12k of 380k · compacts at 360k')
    await page.close()
  })
})
