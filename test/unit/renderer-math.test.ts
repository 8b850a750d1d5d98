// TeX math in Markdown: which dollars are math (pandoc's rules) and which are prices, the other
// delimiters, and that code keeps its dollars. Also: KaTeX renders what we hand it, and reports
// invalid TeX as an error instead of throwing.
import { describe, expect, it } from 'vitest'
import type { Token } from 'marked'
import katex from 'katex'
import { lex } from '../../renderer/src/markdown/render'
import { mayHaveMath, type MathToken } from '../../renderer/src/markdown/math-syntax'
import { hideStyleAttributes, stripDirectives } from '../../renderer/src/markdown/mermaid-render'
import {
  holdHeavyRenders,
  isStreaming,
  nextIdle,
  queueTypeset,
} from '../../renderer/src/markdown/render-gate'

/** Every math token in the lexed source, in order, as `I:tex` (inline) or `D:tex` (display). */
function maths(src: string): string[] {
  const out: string[] = []
  const walk = (tokens: Token[] | undefined) => {
    for (const t of tokens ?? []) {
      if (t.type === 'inlineMath' || t.type === 'blockMath') {
        const m = t as MathToken
        out.push(`${m.display ? 'D' : 'I'}:${m.tex}`)
      }
      const any = t as {
        tokens?: Token[]
        items?: { tokens: Token[] }[]
        header?: { tokens: Token[] }[]
        rows?: { tokens: Token[] }[][]
      }
      walk(any.tokens)
      for (const it of [...(any.items ?? []), ...(any.header ?? []), ...(any.rows ?? []).flat()])
        walk(it.tokens)
    }
  }
  walk(lex(src))
  return out
}

/** The text a reader would see (math tokens as their source), to check prices stay whole. */
function textOf(src: string): string {
  const parts: string[] = []
  const walk = (tokens: Token[] | undefined) => {
    for (const t of tokens ?? []) {
      const any = t as { tokens?: Token[]; text?: string; type: string }
      if (any.tokens) walk(any.tokens)
      else if (any.type === 'text' || any.type === 'escape') parts.push(any.text ?? '')
    }
  }
  walk(lex(src))
  return parts.join('')
}

describe('math delimiters', () => {
  it('reads inline and display math with all four delimiters', () => {
    expect(maths('Euler: $e^{i\\pi} + 1 = 0$.')).toEqual(['I:e^{i\\pi} + 1 = 0'])
    expect(maths('Area \\(\\pi r^2\\) of a disc')).toEqual(['I:\\pi r^2'])
    expect(maths('$$\n\\int_0^1 x\\,dx = \\tfrac12\n$$')).toEqual(['D:\\int_0^1 x\\,dx = \\tfrac12'])
    expect(maths('\\[\n\\sum_{k=1}^n k = \\frac{n(n+1)}{2}\n\\]')).toEqual([
      'D:\\sum_{k=1}^n k = \\frac{n(n+1)}{2}',
    ])
    expect(maths('inline display $$a^2+b^2=c^2$$ in a sentence')).toEqual(['D:a^2+b^2=c^2'])
    expect(maths('one-letter $x$ and $y$')).toEqual(['I:x', 'I:y'])
    expect(maths('- item with $\\alpha$\n- and \\(\\beta\\)')).toEqual(['I:\\alpha', 'I:\\beta'])
    expect(maths('| a | b |\n|---|---|\n| $x^2$ | 1 |')).toEqual(['I:x^2'])
  })

  it('leaves currency alone (pandoc: no space inside the dollars, no digit after the closing one)', () => {
    const prices = [
      'It costs $5 and $10.',
      'Between $5 and $10 per month',
      'Plans: $5/$10/$20',
      'I paid $20,000 and you paid $30,000.',
      'Save $ 5 today and $ 6 tomorrow',
      'from $5 to $6',
      'costs $5, or $10.',
      'a $5 fee',
      'price: $3.50$4',
    ]
    for (const p of prices) {
      expect(maths(p), p).toEqual([])
      expect(textOf(p), p).toBe(p)
    }
  })

  it('follows the edge rules exactly', () => {
    expect(maths('$ x$')).toEqual([]) // opening dollar followed by a space
    expect(maths('$x $')).toEqual([]) // closing dollar after a space
    expect(maths('$x$5')).toEqual([]) // closing dollar before a digit
    expect(maths('$x$, then')).toEqual(['I:x'])
    expect(maths('\\$5 and $x$')).toEqual(['I:x']) // an escaped dollar is a dollar
    expect(textOf('\\$5 and \\$6')).toBe('$5 and $6')
    expect(maths('$a \\$ b$')).toEqual(['I:a \\$ b']) // an escaped dollar inside math
    expect(maths('$$')).toEqual([])
    expect(maths('$$ $$')).toEqual([])
    expect(maths('$x\n\ny$')).toEqual([]) // no blank line inside
    expect(maths('$5 and $x$')).toEqual(['I:x'])
    expect(maths('costs $5. Solve $x^2=4$.')).toEqual(['I:x^2=4'])
  })

  it('never reads math inside code', () => {
    expect(maths('`$x$` and `\\(y\\)`')).toEqual([])
    expect(maths('```sh\necho "$HOME $PATH"\nexport A=$x$\n```')).toEqual([])
    expect(maths('    indented $x$ code')).toEqual([])
  })

  it('has a cheap pre-check', () => {
    expect(mayHaveMath('plain words')).toBe(false)
    expect(mayHaveMath('a $ sign')).toBe(true)
    expect(mayHaveMath('\\(x\\)')).toBe(true)
  })
})

describe('KaTeX', () => {
  it('renders valid TeX and throws a ParseError for invalid TeX (shown as source by the view)', () => {
    expect(katex.renderToString('\\frac{a}{b}', { throwOnError: true })).toContain('mfrac')
    expect(() => katex.renderToString('\\frac{a}{', { throwOnError: true })).toThrow(/KaTeX parse error/)
    // Untrusted input: \href is refused with trust off.
    expect(
      katex.renderToString('\\href{javascript:alert(1)}{x}', { throwOnError: false, trust: false }),
    ).not.toMatch(/<a\b|href=/)
  })
})

describe('Mermaid SVG under the CSP', () => {
  it('moves inline styles of tags to data-css, leaving text alone', () => {
    const svg =
      '<svg style="max-width: 200px"><g><text style=\'fill:red\'>a style="x" b</text><rect x="1" style="stroke:#333"/></g></svg>'
    expect(hideStyleAttributes(svg)).toBe(
      '<svg data-css="max-width: 200px"><g><text data-css=\'fill:red\'>a style="x" b</text><rect x="1" data-css="stroke:#333"/></g></svg>',
    )
  })

  it('drops init/config directives (also unterminated) and front matter, keeping the diagram', () => {
    const init = '%%{init: {"themeCSS": "body{background:red}", "securityLevel": "loose"}}%%'
    expect(stripDirectives(`${init}\ngraph TD\n  A --> B`)).toBe('\ngraph TD\n  A --> B')
    expect(stripDirectives('graph TD\n  %%{ config: { htmlLabels: true } }%%\n  A --> B')).toBe(
      'graph TD\n  \n  A --> B',
    )
    expect(stripDirectives('graph TD\n  A --> B\n%%{init: {"themeCSS": "x"')).toBe('graph TD\n  A --> B\n')
    expect(stripDirectives('---\nconfig:\n  themeCSS: "x"\n---\ngraph TD\n  A --> B')).toBe(
      'graph TD\n  A --> B',
    )
    // Plain comments and a front-matter-like line later in the text stay.
    expect(stripDirectives('graph TD\n  %% a comment\n  A --> B')).toBe('graph TD\n  %% a comment\n  A --> B')
  })
})

describe('render gate', () => {
  it('knows while a message streams', () => {
    expect(isStreaming()).toBe(false)
    const a = holdHeavyRenders()
    const b = holdHeavyRenders()
    expect(isStreaming()).toBe(true)
    a()
    a() // twice is harmless
    expect(isStreaming()).toBe(true)
    b()
    expect(isStreaming()).toBe(false)
  })

  it('typesets later, in order, and skips a cancelled formula', async () => {
    const order: number[] = []
    const cancels = Array.from({ length: 7 }, (_, i) => queueTypeset(() => order.push(i)))
    cancels[3]!()
    expect(order).toEqual([]) // never in the commit that mounts the formula
    const done = new Promise<void>((r) => queueTypeset(r))
    await done
    expect(order).toEqual([0, 1, 2, 4, 5, 6])
  })

  it('a slow formula does not hold the ones after it in the same task', async () => {
    const seen: string[] = []
    queueTypeset(() => {
      const until = performance.now() + 20
      while (performance.now() < until) {
        // a formula slower than a task's budget
      }
      seen.push('slow')
      void Promise.resolve().then(() => seen.push('task ended'))
    })
    await new Promise<void>((r) => queueTypeset(() => (seen.push('next'), r())))
    expect(seen).toEqual(['slow', 'task ended', 'next'])
  })

  it('nextIdle resolves in a later task', async () => {
    let idle = false
    const p = nextIdle().then(() => (idle = true))
    await Promise.resolve()
    expect(idle).toBe(false)
    await p
    expect(idle).toBe(true)
  })
})
