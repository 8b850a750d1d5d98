// KaTeX, loaded on the first formula (its script, stylesheet and bundled fonts are a lazy chunk;
// nothing is fetched from the network). Formulas are drawn with `katex.render`, which builds DOM
// nodes and sets their styles through the CSSOM, so the strict CSP (no inline styles, no eval)
// holds; `renderToString` + innerHTML would lose every inline style to the CSP.
import type { KatexOptions } from 'katex'

type Katex = typeof import('katex').default

let katex: Katex | null = null
let loading: Promise<Katex> | null = null

export function loadKatex(): Promise<Katex> {
  loading ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([m]) => {
    katex = m.default
    return katex
  })
  return loading
}

/** KaTeX if it has loaded already (the streaming tail draws synchronously or not at all). */
export function katexNow(): Katex | null {
  return katex
}

const OPTIONS: KatexOptions = {
  throwOnError: true,
  // Untrusted input: no \href/\url/\includegraphics/\htmlClass, bounded macro expansion.
  trust: false,
  maxExpand: 1000,
  maxSize: 50,
  strict: 'ignore',
  output: 'htmlAndMathml',
}

/** Draw `tex` into `target`; returns the parse error message, or null when it rendered. */
export function drawMath(k: Katex, target: HTMLElement, tex: string, display: boolean): string | null {
  try {
    k.render(tex, target, { ...OPTIONS, displayMode: display })
    return null
  } catch (e) {
    target.replaceChildren()
    return e instanceof Error ? e.message.replace(/^KaTeX parse error: /, '') : String(e)
  }
}
