// Branches in the window (issue 13): edit an earlier question → ‹ 2/2 ›; ‹ back to 1/2 shows the
// old continuation; Regenerate an answer → a sibling answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { textAnswer } from '../emulator/scripts'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { haveChromium, send, shot, SHOTS, startHarness, type Harness } from './harness'

let h: Harness

describe.skipIf(!haveChromium)('chat: branches', () => {
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h?.close()
  })

  it('edit → 2/2, switch back → old continuation, regenerate → sibling answer', async () => {
    const page = await h.open()
    for (const a of ['Answer one.', 'Answer two.', 'Edited answer.', 'Answer two, again.'])
      h.emu.script({ steps: textAnswer(a) })
    await send(page, 'First question')
    await page.getByText('Answer one.').waitFor()
    await send(page, 'Second question')
    await page.getByText('Answer two.').waitFor()

    // Edit the first question.
    const first = page.locator('.msg.user', { hasText: 'First question' })
    await first.getByRole('button', { name: 'Edit' }).click()
    await page.getByLabel('Edit message').fill('First question, edited')
    await page.getByRole('button', { name: 'Save & send' }).click()
    await page.getByText('Edited answer.').waitFor()
    await expect.poll(() => page.locator('.sibling-pos').allTextContents()).toEqual(['2/2'])
    expect(await page.getByText('Second question').count()).toBe(0)
    expect(await page.getByText('Answer one.').count()).toBe(0)

    // Back to the first version: its continuation down to the last leaf.
    await page.getByRole('button', { name: 'Previous version' }).click()
    await page.getByText('Answer two.').waitFor()
    expect(await page.locator('.sibling-pos').allTextContents()).toEqual(['1/2'])
    expect(await page.getByText('Second question').count()).toBe(1)
    expect(await page.getByText('Edited answer.').count()).toBe(0)

    // Regenerate the second answer: a sibling of the second turn.
    const second = page.locator('.msg.assistant', { hasText: 'Answer two.' })
    await second.getByRole('button', { name: 'Regenerate', exact: true }).click()
    await page.getByText('Answer two, again.').waitFor()
    await expect.poll(() => page.locator('.sibling-pos').allTextContents()).toEqual(['1/2', '2/2'])
    expect(await page.getByText('Answer two.', { exact: true }).count()).toBe(0)
    // The request carried exactly the path.
    const last = h.emu.responsesRequests().at(-1)!.body as { input: { content: { text: string }[] }[] }
    expect(last.input.map((i) => i.content[0]!.text)).toEqual([
      'First question',
      'Answer one.',
      'Second question',
    ])
    await shot(page, 'branches')
    // Export the current branch as one HTML file and open it in the browser.
    await page.getByText('Export', { exact: true }).click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Web page (.html)' }).click(),
    ])
    const file = path.join(SHOTS, 'branches-export.html')
    await download.saveAs(file)
    const html = fs.readFileSync(file, 'utf8')
    expect(html).toContain('Answer two, again.')
    expect(html).not.toContain('Edited answer.')
    const doc = await h.context.newPage()
    await doc.goto(pathToFileURL(file).href)
    expect(await doc.locator('section.msg.user').allTextContents()).toEqual([
      'YouFirst question',
      'YouSecond question',
    ])
    await doc.screenshot({ path: path.join(SHOTS, 'branches-export-light.png') })
    await doc.close()
    // Reload from history: the same path and positions.
    await page.reload()
    await page.getByRole('button', { name: /First question/ }).click()
    await page.getByText('Answer two, again.').waitFor()
    expect(await page.locator('.sibling-pos').allTextContents()).toEqual(['1/2', '2/2'])
    expect(h.pageErrors).toEqual([])
    await page.close()
  })
})
