// Tools in the chat window (issue 15): a tool call asks for approval in the transcript; allowing
// it runs the real MCP server and leaves a collapsible row (arguments, result, duration) that is
// still there after reopening the conversation. Web search answers show numbered citation links
// and a sources list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveChromium, send, shot, startHarness, type Harness } from './harness'
import {
  citedMessageSteps,
  responseAround,
  textAnswer,
  toolCallResponse,
  webSearchSteps,
} from '../emulator/scripts'
import { everything } from '../integration/tools-helpers'
import fs from 'node:fs'
import path from 'node:path'
import { LAUNCH_APPROVALS_FILE } from '../../main/host/mcp-launch-approvals'
import { stdioFingerprint } from '../../main/core/tools/mcp/launch-gate'
import { scan } from './axe'

let h: Harness

describe.skipIf(!haveChromium)('chat: tools', () => {
  beforeAll(async () => {
    h = await startHarness({
      settings: { mcpServers: [everything()] },
      // The browser host starts stdio servers only when approved outside the page (issue 15).
      seed: (dir) =>
        fs.writeFileSync(
          path.join(dir, LAUNCH_APPROVALS_FILE),
          JSON.stringify({ approved: [stdioFingerprint(everything() as never)] }),
        ),
    })
  })
  afterAll(async () => {
    await h?.close()
  })

  it('asks for approval in the window, runs the call on allow, and keeps its row', async () => {
    const page = await h.open()
    h.emu.script(
      { steps: toolCallResponse('everything__get-sum', { a: 20, b: 22 }, 'call_e2e_1') },
      { steps: textAnswer('The sum is **42**.') },
    )
    await send(page, 'Add 20 and 22 with the tool')
    const row = page.locator('.tool-row[data-call-id=call_e2e_1]')
    await row.locator('.tool-approval').waitFor({ timeout: 15_000 })
    expect(await row.locator('.tool-name').textContent()).toBe('everything · get-sum')
    expect(await row.locator('.tool-args').textContent()).toContain('"a": 20')
    await shot(page, 'tools-approval')
    expect(await scan(page, 'approval')).toEqual([])
    await row.getByRole('button', { name: 'Allow once' }).click()
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    await expect.poll(() => row.getAttribute('data-status')).toBe('ok')
    expect(await row.locator('.tool-approval').count()).toBe(0)
    expect(await row.locator('.tool-output').textContent()).toBe('The sum of 20 and 22 is 42.')
    expect(await row.locator('.tool-duration').textContent()).toMatch(/\d+ (ms|s)/)
    expect(await page.locator('.msg.assistant .text').last().textContent()).toBe('The sum is 42.')
    await row.locator('summary').click()
    await shot(page, 'tools-row')

    // Reopened from history: the row is stored with its result.
    await page.reload()
    await page
      .getByRole('button', { name: /Add 20 and 22/ })
      .first()
      .click()
    const stored = page.locator('.tool-row[data-call-id=call_e2e_1]')
    await stored.waitFor({ timeout: 10_000 })
    expect(await stored.getAttribute('data-status')).toBe('ok')
    expect(await stored.locator('.tool-output').textContent()).toBe('The sum of 20 and 22 is 42.')
    await page.close()
  })

  it('web search: the toggle adds the tool; citations render as numbered links and sources', async () => {
    const page = await h.open()
    await page.getByRole('button', { name: 'New chat' }).first().click()
    await page.getByRole('button', { name: 'Web search' }).click()
    const text = 'Node 24 is the active LTS release, and Node 22 is in maintenance.'
    h.emu.script({
      steps: responseAround([
        ...webSearchSteps('node lts', { itemId: 'ws_fixed' }).slice(0, 3),
        { delayMs: 1500 },
        ...webSearchSteps('node lts', { itemId: 'ws_fixed' }).slice(3),
        ...citedMessageSteps(
          text,
          [
            {
              url: 'https://nodejs.org/en/about/previous-releases',
              title: 'Node.js Releases',
              start: 0,
              end: text.indexOf(','),
            },
            {
              url: 'https://github.com/nodejs/release',
              title: 'nodejs/release',
              start: text.indexOf('Node 22'),
              end: text.length,
            },
          ],
          { outputIndex: 1 },
        ),
      ]),
    })
    await send(page, 'Which Node is LTS?')
    const status = page.getByTestId('reasoning-status')
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('Searching the web… “node lts”')
    await shot(page, 'tools-searching')
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    const body = h.emu.responsesRequests().at(-1)!.body as { tools: unknown[] }
    expect(body.tools).toContainEqual({ type: 'web_search' })
    const msg = page.locator('.msg.assistant').last()
    const inline = msg.locator('.text a')
    expect(await inline.allTextContents()).toEqual(['[1]', '[2]'])
    expect(await inline.first().getAttribute('href')).toBe('https://nodejs.org/en/about/previous-releases')
    expect(await inline.first().getAttribute('rel')).toBe('noopener noreferrer')
    const sources = msg.getByRole('navigation', { name: 'Sources' })
    expect(await sources.locator('li a').allTextContents()).toEqual(['Node.js Releases', 'nodejs/release'])
    await shot(page, 'tools-citations')
    expect(await scan(page, 'citations')).toEqual([])

    await page.reload()
    await page
      .getByRole('button', { name: /Which Node is LTS/ })
      .first()
      .click()
    const again = page.locator('.msg.assistant').last()
    await again.getByRole('navigation', { name: 'Sources' }).waitFor({ timeout: 10_000 })
    expect(await again.locator('.text a').allTextContents()).toEqual(['[1]', '[2]'])
    await page.close()
  })

  it('the quick window approves too; "always" is remembered in settings and stops asking', async () => {
    const page = await h.open({ hash: '#quick', dark: true })
    // A hash-only navigation does not reload: make sure the page started as the quick window.
    await page.reload()
    await page.locator('.app.quick').waitFor()
    h.emu.script(
      { steps: toolCallResponse('everything__get-sum', { a: 1, b: 1 }, 'call_q1') },
      { steps: toolCallResponse('everything__get-sum', { a: 2, b: 2 }, 'call_q2') },
      { steps: textAnswer('2 and 4.') },
    )
    await send(page, 'Sums please')
    const row = page.locator('.tool-row[data-call-id=call_q1]')
    await row.getByRole('button', { name: 'Always for this tool' }).click()
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    expect(await page.locator('.tool-row[data-call-id=call_q2]').getAttribute('data-status')).toBe('ok')
    expect(await page.locator('.tool-approval').count()).toBe(0)
    await page.locator('.tool-row[data-call-id=call_q1] summary').click()
    await shot(page, 'tools-quick', true)
    expect(await scan(page, 'quick dark')).toEqual([])
    expect(h.core.services.settings.get().mcpServers[0]!.alwaysAllow).toEqual(['get-sum'])
    await page.close()
  })

  it('settings: the server tests as connected with its tools, and a tool can be switched off', async () => {
    const page = await h.open()
    await page.getByRole('button', { name: 'Settings' }).click()
    const panel = page.getByRole('region', { name: 'Settings' })
    const card = panel.locator('.mcp-server[data-server=everything]')
    await card.getByRole('button', { name: 'Test' }).click()
    await expect
      .poll(() => card.getByRole('status').textContent(), { timeout: 20_000 })
      .toMatch(/^connected, \d+ tools$/)
    const echo = card.getByRole('checkbox', { name: 'echo', exact: true })
    expect(await echo.isChecked()).toBe(true)
    await echo.click()
    await expect.poll(() => h.core.services.settings.get().mcpServers[0]!.disabledTools).toEqual(['echo'])
    await expect.poll(() => echo.isChecked()).toBe(false)
    await card.scrollIntoViewIfNeeded()
    await shot(page, 'tools-settings')
    expect(await scan(page, 'mcp settings')).toEqual([])
    // The switched-off tool is no longer offered to the model.
    await page.keyboard.press('Escape')
    h.emu.script({ steps: textAnswer('ok') })
    await send(page, 'which tools?')
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    const names = (h.emu.responsesRequests().at(-1)!.body as { tools: { name?: string }[] }).tools.map(
      (t) => t.name,
    )
    expect(names).toContain('everything__get-sum')
    expect(names).not.toContain('everything__echo')
    await page.close()
  })
})
