// The diagnostics panel: per turn, transport, fallbacks, handshake and request durations, events
// by kind, processing percentiles, bytes and retries — live from `telemetry`, and from the stored
// turn records after a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { haveChromium, pacedAnswer, send, shot, startHarness, type Harness } from './harness'

let h: Harness

async function facts(page: Page): Promise<Record<string, string>> {
  return page
    .locator('[data-testid=diag-turn]')
    .first()
    .evaluate((card) => {
      const out: Record<string, string> = {}
      card
        .querySelectorAll('dt')
        .forEach((dt) => (out[dt.textContent ?? ''] = dt.nextElementSibling?.textContent ?? ''))
      return out
    })
}

describe.skipIf(!haveChromium)('chat: diagnostics panel', () => {
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h?.close()
  })

  it('shows each turn’s transport, timings, events and bytes, live and from history', async () => {
    const page = await h.open()
    h.emu.script(
      { steps: pacedAnswer('First answer.', 3, 10) },
      { steps: pacedAnswer('Second answer, a bit longer.', 6, 10) },
    )
    await send(page, 'Diagnose me')
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 10_000 })
    await send(page, 'And again')
    await expect
      .poll(() => page.locator('.msg.assistant .text').last().textContent(), { timeout: 10_000 })
      .toBe('Second answer, a bit longer.')
    await page.getByRole('button', { name: 'Diagnostics' }).click()
    const panel = page.getByRole('complementary', { name: 'Diagnostics' })
    await expect.poll(() => panel.locator('[data-testid=diag-turn]').count(), { timeout: 10_000 }).toBe(2)
    await expect.poll(async () => (await facts(page)).Transport).toBe('WebSocket')
    const f = await facts(page)
    expect(f.Model).toBe('gpt-5.2')
    expect(f.Fallbacks).toBe('0')
    expect(f.Retries).toBe('0')
    expect(f.Handshake).toMatch(/^(—|[\d.]+ ms)$/)
    expect(f.Request).toMatch(/\d+ ms|\d\.\d\d s/)
    expect(f.Processing).toMatch(/^p50 .+ · p95 .+ · max .+$/)
    expect(f.Received).toMatch(/\d+(\.\d)? (B|KiB)/)
    expect(f.Sent).toMatch(/uncompressed/)
    await panel.locator('details summary').first().click()
    expect(await panel.locator('.kinds td').allTextContents()).toContain('response.output_text.delta')
    await shot(page, 'diagnostics', false)
    // From the stored turn records.
    await page.reload()
    await page.getByRole('button', { name: /Diagnose me/ }).click()
    await page.getByRole('button', { name: 'Diagnostics' }).click()
    await expect.poll(() => page.locator('[data-testid=diag-turn]').count()).toBe(2)
    expect((await facts(page)).Transport).toBe('WebSocket')
    const dark = await h.open({ dark: true })
    await dark.getByRole('button', { name: /Diagnose me/ }).click()
    await dark.keyboard.press('Control+Shift+D')
    await dark.locator('[data-testid=diag-turn]').first().waitFor()
    await dark.locator('.diag-turn details summary').first().click()
    await shot(dark, 'diagnostics', true)
    await page.close()
    await dark.close()
  })
})
