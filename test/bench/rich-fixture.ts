// The streamed answers of the math and diagram benches: ~20,000 deltas like the code fixture
// (prose tokens `w<N> ` carry their delta index for token-to-pixel matching), but each section
// has TeX instead of code (inline formulas in the prose, two display blocks) or a Mermaid
// flowchart, streamed a token or so per delta. Pure: used by Node only.
import type { RenderFixture } from './render-fixture'

export type RichKind = 'math' | 'diagram'

const INLINE = [
  "$x_{n+1} = x_n - \\frac{f(x_n)}{f'(x_n)}$",
  '$\\alpha^2 + \\beta^2$',
  '\\(\\sum_i w_i\\)',
  '$e^{i\\theta}$',
]
const DISPLAY = [
  '$$\n\\int_0^{\\infty} e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}\n$$\n\n',
  '\\[\n\\mathbf{A}\\mathbf{x} = \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix} \\begin{pmatrix} x \\\\ y \\end{pmatrix}\n\\]\n\n',
]

function flowchart(s: number): string {
  return [
    '```mermaid',
    'flowchart TD',
    `  A${s}[Request ${s}] --> B${s}{Cached?}`,
    `  B${s} -->|yes| C${s}[Serve from cache]`,
    `  B${s} -->|no| D${s}[Ask the model]`,
    `  D${s} --> E${s}[Store the answer]`,
    `  E${s} --> C${s}`,
    '```',
    '',
    '',
  ].join('\n')
}

export function richFixture(kind: RichKind, sections = 40, perSection = 500): RenderFixture {
  const deltas: string[] = []
  const prose = (n: number, end = '') => {
    for (let i = 0; i < n; i++) {
      // Math sections: an inline formula after every 35th word (as one to three deltas).
      if (kind === 'math' && i % 35 === 17) {
        const f = INLINE[(deltas.length >> 4) % INLINE.length]!
        for (const part of f.match(/.{1,6}/g) ?? []) deltas.push(part)
        deltas.push(' ')
      }
      deltas.push(`w${deltas.length}${i === n - 1 ? end : ' '}`)
    }
  }
  const streamed = (text: string) => {
    for (const tok of text.match(/.{1,4}/gs) ?? []) deltas.push(tok)
  }
  for (let s = 0; s < sections; s++) {
    const start = deltas.length
    deltas.push(`## Section ${s + 1}\n\n`)
    prose(140, '.\n\n')
    if (kind === 'math') {
      streamed(DISPLAY[0]!)
      prose(60, '.\n\n')
      streamed(DISPLAY[1]!)
    } else streamed(flowchart(s))
    const used = deltas.length - start
    prose(Math.max(1, perSection - used), '.\n\n')
  }
  return { deltas, text: deltas.join('') }
}
