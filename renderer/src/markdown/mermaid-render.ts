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
  /** The sanitised SVG markup, without its <style> element. */
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

/** Render once per source (cached); a parse or render error is returned, never thrown. */
export async function renderDiagram(source: string): Promise<Diagram | { error: string }> {
  const hit = results.get(source)
  if (hit) return hit
  const m = await load()
  const id = `mermaid-${++counter}`
  let out: Diagram | { error: string }
  try {
    const { svg } = await m.render(id, source)
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
    const root = doc.documentElement
    if (root.nodeName !== 'svg') throw new Error('the diagram did not produce an SVG')
    const css = Array.from(root.querySelectorAll('style'))
      .map((s) => {
        s.remove()
        return s.textContent ?? ''
      })
      .join('\n')
    neuterLinks(root)
    out = { svg: new XMLSerializer().serializeToString(root), css }
  } catch (e) {
    out = { error: e instanceof Error ? e.message : String(e) }
  } finally {
    // Mermaid measures in a temporary element in <body>; a failed render can leave it behind.
    document.getElementById(`d${id}`)?.remove()
  }
  results.set(source, out)
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
 * Put the diagram into `host`: the SVG is parsed inert, its inline styles move to a data attribute
 * and come back through `style.cssText` (CSSOM) once in the page. Returns the cleanup.
 */
export function mountDiagram(host: HTMLElement, d: Diagram): () => void {
  const doc = new DOMParser().parseFromString(d.svg, 'image/svg+xml')
  const root = doc.documentElement
  for (const el of Array.from(root.querySelectorAll('[style]')).concat(root.hasAttribute('style') ? [root] : [])) {
    el.setAttribute('data-css', el.getAttribute('style') ?? '')
    el.removeAttribute('style')
  }
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
