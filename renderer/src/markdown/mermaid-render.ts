// Mermaid diagrams, loaded on the first complete ```mermaid block (a lazy chunk, plus one per
// diagram type). Untrusted source: securityLevel 'strict' (no click handlers, labels sanitised),
// no HTML labels (text only), and links in the SVG pass the same safe-link rule as Markdown.
// The strict CSP drops inline styles set through markup, so the SVG is re-created here with its
// `style` attributes applied through the CSSOM and its <style> element turned into a constructed
// stylesheet; both are allowed by the CSP, which is not loosened for this.
import type { Mermaid } from 'mermaid'
import { LruCache } from './block-cache'
import { safeHref } from './safe-url'

export interface Diagram {
  /** The sanitised SVG markup, without its <style> element; inline styles are in `data-css`. */
  svg: string
  css: string
}

let mermaid: Promise<Mermaid> | null = null
let theme: 'default' | 'dark' | null = null
let counter = 0
const results = new LruCache<Diagram | { error: string }>(200)

function pageTheme(): 'default' | 'dark' {
  const pinned = document.documentElement.dataset.theme
  if (pinned === 'dark' || pinned === 'light') return pinned === 'dark' ? 'dark' : 'default'
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default'
}

async function load(): Promise<Mermaid> {
  mermaid ??= import('mermaid').then((m) => m.default)
  const m = await mermaid
  const wanted = pageTheme()
  if (theme !== wanted) {
    theme = wanted
    m.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      htmlLabels: false,
      flowchart: { htmlLabels: false },
      theme: wanted,
      suppressErrorRendering: true,
      fontFamily: 'system-ui, sans-serif',
      logLevel: 'fatal',
    })
  }
  return m
}

/** Links that pass `safeHref` open outside (target _blank); any other link loses its target. */
function neuterLinks(root: Element): void {
  for (const a of Array.from(root.querySelectorAll('a'))) {
    const href = a.getAttribute('href') ?? a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? ''
    a.removeAttribute('href')
    a.removeAttributeNS('http://www.w3.org/1999/xlink', 'href')
    const safe = safeHref(href)
    if (safe) {
      a.setAttribute('href', safe)
      a.setAttribute('target', '_blank')
      a.setAttribute('rel', 'noopener noreferrer')
    }
  }
  for (const el of Array.from(root.querySelectorAll('script, foreignObject, iframe, object, embed')))
    el.remove()
}

/**
 * Mermaid lays the diagram out in a temporary element in the page, setting `style` attributes
 * and adding a <style> element, both of which the CSP blocks (and reports). For the length of a
 * render, `style` attributes go through the CSSOM instead (same effect, allowed), and the
 * diagram's <style> becomes a constructed stylesheet, so the layout is measured with the styles
 * it is shown with. Renders run one at a time.
 */
let queue: Promise<unknown> = Promise.resolve()

/**
 * `style="…"` → `data-css="…"` in every tag of serialized markup, so parsing it (DOMParser, which
 * the CSP also polices) sets no inline style; mountDiagram applies them through the CSSOM.
 * Serialized markup escapes `<` and `>` outside tags, so a tag is `<` up to the next `>`.
 */
export function hideStyleAttributes(markup: string): string {
  return markup.replace(/<[^>]+>/g, (tag) => tag.replace(/(\s)style=(["'])/g, '$1data-css=$2'))
}
function withCssomStyles<T>(captured: string[], run: () => Promise<T>): Promise<T> {
  const go = async () => {
    const setAttribute = Element.prototype.setAttribute
    const insertBefore = Node.prototype.insertBefore
    const parse = DOMParser.prototype.parseFromString
    const sheet = new CSSStyleSheet()
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
    Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
      if (name.toLowerCase() === 'style' && (this instanceof HTMLElement || this instanceof SVGElement))
        this.style.cssText = String(value)
      else setAttribute.call(this, name, value)
    }
    // Mermaid sanitises its SVG (DOMPurify) by parsing it again: keep styles as data there too.
    // (DOMPurify hands over a TrustedHTML object where Trusted Types exist: read it as text.)
    DOMParser.prototype.parseFromString = function (
      this: DOMParser,
      markup: string,
      type: DOMParserSupportedType,
    ) {
      return parse.call(this, hideStyleAttributes(String(markup)), type)
    }
    Node.prototype.insertBefore = function <N extends Node>(this: Node, node: N, child: Node | null): N {
      if (node instanceof HTMLStyleElement && this instanceof SVGElement) {
        captured.push(node.textContent ?? '')
        sheet.replaceSync(captured.join('\n'))
        return node
      }
      return insertBefore.call(this, node, child) as N
    }
    try {
      return await run()
    } finally {
      Element.prototype.setAttribute = setAttribute
      Node.prototype.insertBefore = insertBefore
      DOMParser.prototype.parseFromString = parse
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((x) => x !== sheet)
    }
  }
  const p = queue.then(go, go)
  queue = p.catch(() => undefined)
  return p
}

/** Render once per source (cached); a parse or render error is returned, never thrown. */
export async function renderDiagram(source: string): Promise<Diagram | { error: string }> {
  // Colours come from the theme: a diagram drawn in light is drawn again for dark.
  const key = `${pageTheme()}\u0000${source}`
  const hit = results.get(key)
  if (hit) return hit
  const m = await load()
  const id = `mermaid-${++counter}`
  let out: Diagram | { error: string }
  try {
    const captured: string[] = []
    const { svg } = await withCssomStyles(captured, () => m.render(id, source))
    const doc = new DOMParser().parseFromString(hideStyleAttributes(svg), 'image/svg+xml')
    const root = doc.documentElement
    if (root.nodeName !== 'svg') throw new Error('the diagram did not produce an SVG')
    const css = Array.from(root.querySelectorAll('style'))
      .map((s) => {
        s.remove()
        return s.textContent ?? ''
      })
      .concat(captured)
      .join('\n')
    neuterLinks(root)
    out = { svg: new XMLSerializer().serializeToString(root), css }
  } catch (e) {
    out = { error: e instanceof Error ? e.message : String(e) }
  } finally {
    // Mermaid measures in a temporary element in <body>; a failed render can leave it behind.
    document.getElementById(`d${id}`)?.remove()
  }
  results.set(key, out)
  return out
}

const sheets = new Map<string, { sheet: CSSStyleSheet; users: number }>()

/** The diagram's CSS as a constructed stylesheet (CSP-safe), shared by every copy on the page. */
function adoptCss(css: string): () => void {
  let entry = sheets.get(css)
  if (!entry) {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
    entry = { sheet, users: 0 }
    sheets.set(css, entry)
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
  }
  entry.users++
  const e = entry
  return () => {
    if (--e.users > 0) return
    sheets.delete(css)
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== e.sheet)
  }
}

/**
 * Put the diagram into `host`: the SVG is parsed inert, and its inline styles (kept in `data-css`)
 * come back through `style.cssText` (CSSOM) once in the page. Returns the cleanup.
 */
export function mountDiagram(host: HTMLElement, d: Diagram): () => void {
  const doc = new DOMParser().parseFromString(d.svg, 'image/svg+xml')
  const root = doc.documentElement
  const svg = document.importNode(root, true) as unknown as SVGSVGElement
  for (const el of Array.from(svg.querySelectorAll<SVGElement>('[data-css]')).concat(
    svg.hasAttribute('data-css') ? [svg] : [],
  )) {
    el.style.cssText = el.getAttribute('data-css') ?? ''
    el.removeAttribute('data-css')
  }
  svg.setAttribute('role', 'img')
  const release = adoptCss(d.css)
  host.replaceChildren(svg)
  return () => {
    release()
    host.replaceChildren()
  }
}
