// The usage meter: one meter per rate-limit window with percent used, the window's length and
// "resets in 2 h 14 min", from the rate limits a real turn reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveChromium, pacedAnswer, send, shot, startHarness, type Harness } from './harness'
import { rateLimitsEvent } from '../emulator/scripts'

let h: Harness

describe.skipIf(!haveChromium)('chat: usage meter', () => {
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h?.close()
  })

  it('shows each window with percent, length and reset time, live and after a reload', async () => {
    const page = await h.open()
    expect(await page.getByTestId('usage-meter').count()).toBe(0)
    const now = Math.floor(Date.now() / 1000)
    // Over WebSocket (the default transport) limits arrive as a `codex.rate_limits` event.
    h.emu.script({
      steps: [
        rateLimitsEvent({
          meteredLimitName: null,
          primary: { used_percent: 85, window_minutes: 300, reset_at: now + 2 * 3600 + 14 * 60 + 10 },
          secondary: { used_percent: 12.4, window_minutes: 10080, reset_at: now + 3 * 86400 + 4 * 3600 + 10 },
        }),
        ...pacedAnswer('You have used most of your 5-hour limit.', 4, 20),
      ],
    })
    await send(page, 'How much usage is left?')
    const meters = page.getByTestId('usage-meter')
    await expect.poll(() => meters.count(), { timeout: 10_000 }).toBe(2)
    expect(await meters.allTextContents()).toEqual([
      '5 h85% · resets in 2 h 14 min',
      'weekly12% · resets in 3 d 4 h',
    ])
    expect(await meters.first().getAttribute('aria-valuenow')).toBe('85')
    expect(await meters.first().getAttribute('aria-valuetext')).toBe('85% used, resets in 2 h 14 min')
    expect(await meters.first().getAttribute('aria-label')).toBe('5 h usage')
    // Past 80% the bar is drawn as a warning.
    expect(await meters.first().locator('.bar.warn').count()).toBe(1)
    expect(await meters.last().locator('.bar.warn').count()).toBe(0)
    await page.locator('.live-turn[data-state=completed]').waitFor()
    await shot(page, 'usage', false)
    // A new window gets the latest limits replayed by the host on attach.
    const other = await h.open()
    await expect.poll(() => other.getByTestId('usage-meter').count()).toBe(2)
    await page.close()
    await other.close()
  })
})
