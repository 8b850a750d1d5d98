// Math and diagrams in Chromium through the browser host (its real CSP: no inline styles, no eval)
// and the emulator: KaTeX for inline and display formulas, prices left as text, invalid TeX as
// source with a quiet error; Mermaid for a flowchart, a broken diagram as source with the error;
// source toggles and Copy. Any CSP violation on the page fails the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { haveChromium, pacedAnswer, send, shot, startHarness, type Harness } from './harness'

let h: Harness

const MATH = [
  'Euler wrote $e^{i\\pi} + 1 = 0$, and a circle has area \\(\\pi r^2\\).',
  '',
  '$$',
  '\\int_0^1 x^2\\,dx = \\frac{1}{3}',
  '$$',
  '',
  'The plan costs $5 and the team plan $10 per month.',
  '',
  '\\[ \\sum_{k=1}^{n} k = \\frac{n(n+1)}{2} \\]',
  '',
  'This one is broken: $\\frac{1}{$ but the message goes on.',
].join('\n')

const FLOW = [
  'graph TD',
  '  A[Question] --> B{Cached?}',
  '  B -->|yes| C[Answer]',
  '  B -->|no| D[Ask the model]',
  '  D --> C',
].join('\n')
const BROKEN = ['graph TD', '  A[Start --> ((B', '  this is not mermaid ]]'].join('\n')
const DIAGRAMS = [
  'A flowchart:',
  '',
  '```mermaid',
  FLOW,
  '```',
  '',
  'And a broken one:',
  '',
  '```mermaid',
  BROKEN,
  '```',
  '',
  'Done.',
].join('\n')

async function watchCsp(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __csp: string[] }
    w.__csp = []
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(
        `${e.effectiveDirective} ${e.blockedURI} ${e.sample} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      ),
    )
  })
}
/** Remembers the prototype methods the Mermaid render patches for its length. */
async function watchPrototypes(page: Page): Promise<void> {
  await page.evaluate(() => {
    ;(window as unknown as { __protos: unknown[] }).__protos = [
      Element.prototype.setAttribute,
      Node.prototype.insertBefore,
      DOMParser.prototype.parseFromString,
    ]
  })
}
const prototypesRestored = (page: Page) =>
  page.evaluate(() => {
    const was = (window as unknown as { __protos: unknown[] }).__protos
    const now = [
      Element.prototype.setAttribute,
      Node.prototype.insertBefore,
      DOMParser.prototype.parseFromString,
    ]
    return was.length === 3 && now.every((f, i) => f === was[i])
  })
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)

describe.skipIf(!haveChromium)('chat: math and diagrams', () => {
  beforeAll(async () => {
    h = await startHarness({ viewport: { width: 1100, height: 900 } })
  })
  afterAll(async () => {
    await h?.close()
  })

  it('renders inline and display math with KaTeX, keeps prices as text and invalid TeX as source', async () => {
    const page = await h.open()
    await watchCsp(page)
    // Where KaTeX output appears while the answer streams: in completed blocks, never in the tail.
    await page.evaluate(() => {
      const w = window as unknown as { __typeset: { blocks: number; tail: number } }
      w.__typeset = { blocks: 0, tail: 0 }
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.addedNodes) {
            if (!(n instanceof Element) || !n.closest('[data-streaming=true]')) continue
            const k = n.matches('.katex') ? 1 : n.querySelectorAll('.katex').length
            if (n.closest('.md-tail')) w.__typeset.tail += k
            else w.__typeset.blocks += k
          }
      }).observe(document.body, { subtree: true, childList: true })
    })
    h.emu.script({ steps: pacedAnswer(MATH, 40, 60) })
    await send(page, 'Some math please')
    // While streaming, the growing tail shows formulas as TeX source...
    await expect
      .poll(() => page.locator('[data-streaming=true] .md-tail .math-source').count(), { timeout: 15_000 })
      .toBeGreaterThan(0)
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    // ...and a block's formulas are typeset once it is complete, while the answer still streams.
    const typeset = await page.evaluate(
      () => (window as unknown as { __typeset: { blocks: number; tail: number } }).__typeset,
    )
    expect(typeset.blocks).toBeGreaterThan(0)
    expect(typeset.tail).toBe(0)
    const answer = page.locator('.msg.assistant .text').last()
    await expect.poll(() => answer.locator('.katex').count()).toBe(4)
    expect(await answer.locator('.katex-display').count()).toBe(2)
    expect(await answer.locator('.math-block').count()).toBe(2)
    // KaTeX's layout needs its inline styles (set through the CSSOM) and its bundled fonts.
    const layout = await answer
      .locator('.math-block .katex')
      .first()
      .evaluate((k) => {
        const strut = k.querySelector<HTMLElement>('.katex-strut, .strut')
        return {
          strutHeight: strut?.style.height ?? '',
          font: getComputedStyle(k.querySelector('.mord') ?? k).fontFamily,
          fraction: k.querySelector('.mfrac') !== null,
        }
      })
    expect(layout.strutHeight).toMatch(/em$/)
    expect(layout.font).toContain('KaTeX')
    expect(layout.fraction).toBe(true)
    await expect.poll(() => page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true)
    // The MathML copy is there for screen readers, with the TeX as its annotation.
    expect(await answer.locator('annotation').first().textContent()).toBe('e^{i\\pi} + 1 = 0')
    // Prices stay text.
    expect(await answer.locator('p', { hasText: 'plan costs' }).textContent()).toBe(
      'The plan costs $5 and the team plan $10 per month.',
    )
    expect(await answer.locator('p', { hasText: 'plan costs' }).locator('.katex').count()).toBe(0)
    // Invalid TeX: its source, a quiet note, and the rest of the message intact.
    const bad = answer.locator('.math-error')
    expect(await bad.locator('code').textContent()).toBe('$\\frac{1}{$')
    expect(await bad.getAttribute('title')).toMatch(/^Not rendered: /)
    expect(await answer.locator('p', { hasText: 'but the message goes on' }).count()).toBe(1)
    // Display blocks: Source shows the TeX, Copy copies it.
    const block = answer.locator('.math-block').first()
    await block.hover()
    await block.getByRole('button', { name: 'Copy' }).click()
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe('\\int_0^1 x^2\\,dx = \\frac{1}{3}')
    await shot(page, 'math-answer', false)
    await block.getByRole('button', { name: 'Source' }).click()
    expect(await block.locator('pre').textContent()).toBe('$$\n\\int_0^1 x^2\\,dx = \\frac{1}{3}\n$$')
    await block.getByRole('button', { name: 'Formula' }).click()
    expect(await block.locator('.katex').count()).toBe(1)
    expect(await cspViolations(page)).toEqual([])
    // From history, in dark.
    const dark = await h.open({ dark: true })
    await dark.getByRole('button', { name: /Some math please/ }).click()
    await expect.poll(() => dark.locator('.msg.assistant .katex').count()).toBe(4)
    await shot(dark, 'math-answer', true)
    await page.close()
    await dark.close()
    expect(h.pageErrors).toEqual([])
  })

  it('draws a Mermaid flowchart once complete (ELK in a worker), and a broken one as source with the error', async () => {
    const page = await h.open()
    await watchCsp(page)
    await watchPrototypes(page)
    h.emu.script({ steps: pacedAnswer(DIAGRAMS, 30, 30) })
    await send(page, 'Draw a flowchart')
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    const answer = page.locator('.msg.assistant .text').last()
    const blocks = answer.locator('.mermaid-block')
    await expect.poll(() => blocks.count()).toBe(2)
    const flow = blocks.first()
    await expect.poll(() => flow.locator('.diagram svg').count(), { timeout: 20_000 }).toBe(1)
    expect(await flow.locator('.diagram svg .node').count()).toBe(4)
    // ELK laid it out in a Web Worker, not on the page's thread.
    expect(page.workers().some((w) => /elk-worker/.test(w.url()))).toBe(true)
    const labels = await flow.locator('.diagram svg text').allTextContents()
    for (const l of ['Question', 'Cached?', 'Answer', 'Ask the model', 'yes', 'no'])
      expect(labels.join('|')).toContain(l)
    // No HTML labels, no links, no scripts in the SVG.
    expect(await flow.locator('foreignObject, a, script').count()).toBe(0)
    // The diagram's stylesheet applies (adopted, not inline): nodes are filled, not black.
    const fill = await flow
      .locator('.diagram svg .node rect, .diagram svg .node polygon')
      .first()
      .evaluate((e) => getComputedStyle(e).fill)
    expect(fill).not.toBe('rgb(0, 0, 0)')
    // Broken: the source and why, no diagram.
    const broken = blocks.nth(1)
    await expect.poll(() => broken.locator('.diagram-error').count(), { timeout: 20_000 }).toBe(1)
    expect(await broken.locator('.diagram-error').textContent()).toMatch(/^Diagram not drawn: .+/)
    expect(await broken.locator('pre code').textContent()).toBe(BROKEN)
    expect(await broken.locator('svg').count()).toBe(0)
    expect(await page.locator('body > [id^="dmermaid"]').count()).toBe(0)
    // Both renders (the good one and the failing one) put the prototypes back.
    expect(await prototypesRestored(page)).toBe(true)
    await shot(page, 'mermaid-answer', false)
    // Source toggle and Copy (the source).
    await flow.getByRole('button', { name: 'Source' }).click()
    expect(await flow.locator('pre code').textContent()).toBe(FLOW)
    await flow.getByRole('button', { name: 'Copy' }).click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(FLOW)
    await flow.getByRole('button', { name: 'Diagram' }).click()
    expect(await flow.locator('.diagram svg').count()).toBe(1)
    const violations = await cspViolations(page)
    // From history, in dark.
    const dark = await h.open({ dark: true })
    await dark.getByRole('button', { name: /Draw a flowchart/ }).click()
    await expect.poll(() => dark.locator('.mermaid-block .diagram svg').count(), { timeout: 20_000 }).toBe(1)
    await shot(dark, 'mermaid-answer', true)
    await page.close()
    await dark.close()
    expect(violations).toEqual([])
    expect(h.pageErrors).toEqual([])
  })
  it("keeps a diagram's CSS inside the diagram and drops its config directives", async () => {
    const page = await h.open()
    await watchCsp(page)
    await watchPrototypes(page)
    // A probe outside the diagram that its classDef would colour if the CSS reached the page.
    await page.evaluate(() => {
      const probe = document.createElement('div')
      probe.className = 'evil probe'
      probe.append(Object.assign(document.createElement('span'), { textContent: 'outside' }))
      document.body.append(probe)
    })
    const EVIL = [
      '%%{init: {"themeCSS": "body, .probe { background: rgb(0, 255, 0) !important }", "securityLevel": "loose"}}%%',
      'graph LR',
      '  A[Inside]:::evil --> B[Plain]',
      '  classDef evil fill:#ff0000,color:#ff0000',
    ].join('\n')
    h.emu.script({
      steps: pacedAnswer(['Styled:', '', '```mermaid', EVIL, '```', '', 'Done.'].join('\n'), 30, 30),
    })
    await send(page, 'Draw a styled one')
    await page.locator('.live-turn[data-state=completed]').waitFor({ timeout: 15_000 })
    const block = page.locator('.msg.assistant .text').last().locator('.mermaid-block')
    await expect.poll(() => block.locator('.diagram svg').count(), { timeout: 20_000 }).toBe(1)
    // The classDef applies inside the diagram (its shadow root)...
    const inside = await block
      .locator('.diagram svg .node.evil rect, .diagram svg .node.evil polygon')
      .first()
      .evaluate((e) => getComputedStyle(e).fill)
    expect(inside).toBe('rgb(255, 0, 0)')
    // ...and nowhere else: not on the probe, not in any document-level sheet.
    const outside = await page.evaluate(() => {
      const probe = document.querySelector('.probe') as HTMLElement
      const texts = [...document.adoptedStyleSheets, ...Array.from(document.styleSheets)].flatMap((s) =>
        Array.from(s.cssRules, (r) => r.cssText),
      )
      return {
        probe: getComputedStyle(probe).backgroundColor,
        span: getComputedStyle(probe.querySelector('span') as HTMLElement).color,
        body: getComputedStyle(document.body).backgroundColor,
        leaked: texts.filter((t) => t.includes('.evil') || t.includes('0, 255, 0')),
      }
    })
    expect(outside.probe).not.toBe('rgb(0, 255, 0)')
    expect(outside.span).not.toBe('rgb(255, 0, 0)')
    expect(outside.body).not.toBe('rgb(0, 255, 0)')
    expect(outside.leaked).toEqual([])
    // The init directive's themeCSS never reached the diagram either.
    const shadowCss = await block
      .locator('.diagram')
      .evaluate((host) =>
        (host.shadowRoot?.adoptedStyleSheets ?? [])
          .flatMap((s) => Array.from(s.cssRules, (r) => r.cssText))
          .join('\n'),
      )
    expect(shadowCss).toContain('.evil')
    expect(shadowCss).not.toContain('0, 255, 0')
    expect(await prototypesRestored(page)).toBe(true)
    await shot(page, 'mermaid-contained', false)
    expect(await cspViolations(page)).toEqual([])
    await page.close()
    expect(h.pageErrors).toEqual([])
  })
})
