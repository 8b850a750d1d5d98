// Mermaid diagrams, loaded on the first complete ```mermaid block (a lazy chunk, plus one per
// diagram type). Untrusted source: securityLevel 'strict' (no click handlers, labels sanitised),
// no HTML labels (text only), and links in the SVG pass the same safe-link rule as Markdown.
// The strict CSP drops inline styles set through markup, so the SVG is re-created here with its
// `style` attributes applied through the CSSOM and its <style> element turned into a constructed
// stylesheet; both are allowed by the CSP, which is not loosened for this. Containment: the
// diagram's CSS (model-controlled through classDef) only ever applies inside the diagram's own
// shadow root, config directives are dropped, and the render-time patches are narrow and undone
// on settle or after RENDER_TIMEOUT_MS, whichever comes first.
import type { Mermaid } from 'mermaid'
import { LruCache } from './block-cache'
import { safeHref } from './safe-url'
import { nextIdle } from './render-gate'

export interface Diagram {
  /** The sanitised SVG markup, without its <style> element; inline styles are in `data-css`. */
  svg: string
  css: string
}

let mermaid: Promise<Mermaid> | null = null
let theme: 'default' | 'dark' | null = null
let counter = 0
const RENDER_TIMEOUT_MS = 15_000
/** Keys a diagram can never override (front matter / directives), on top of Mermaid's own. */
const SECURE = ['secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'suppressErrorRendering', 'maxEdges']
const SECURE_EXTRA = [
  'themeCSS',
  'htmlLabels',
  'flowchart',
  'themeVariables',
  'fontFamily',
  'theme',
  'darkMode',
]
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
      secure: [...SECURE, ...SECURE_EXTRA],
    })
  }
  return m
}

/**
 * Config from the diagram text (`%%{init: …}%%` / `%%{config: …}%%` directives, which Mermaid
 * accepts unterminated, and a `---` front-matter block) could set themeCSS, securityLevel or
 * htmlLabels: all of it is dropped; the diagram keeps its content.
 */
export function stripDirectives(source: string): string {
  return source
    .replace(/^\s*-{3}[^\S\r\n]*\r?\n[\s\S]*?\r?\n-{3}[^\S\r\n]*(\r?\n|$)/, '')
    .replace(/%%\{[\s\S]*?(\}%%|$)/g, '')
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
function withCssomStyles<T>(id: string, captured: string[], run: () => Promise<T>): Promise<T> {
  const go = async () => {
    const setAttribute = Element.prototype.setAttribute
    const insertBefore = Node.prototype.insertBefore
    const parse = DOMParser.prototype.parseFromString
    // Only Mermaid's own work is redirected: its measuring element (`#d<id>`) and nodes not yet
    // in the page; anything else on the page keeps the real behaviour.
    const ours = (el: Element) => !el.isConnected || el.closest(`#d${id}`) !== null
    // The layout is measured with the styles it is shown with, but only inside the measuring
    // element: each rule re-serialised (balanced) and held in an @scope.
    const sheet = new CSSStyleSheet()
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
    Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
      if (
        name.toLowerCase() === 'style' &&
        (this instanceof HTMLElement || this instanceof SVGElement) &&
        ours(this)
      )
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
      const text = String(markup)
      return parse.call(this, text.includes(id) ? hideStyleAttributes(text) : text, type)
    }
    Node.prototype.insertBefore = function <N extends Node>(this: Node, node: N, child: Node | null): N {
      if (node instanceof HTMLStyleElement && this instanceof SVGElement && ours(this)) {
        captured.push(node.textContent ?? '')
        const parsed = new CSSStyleSheet()
        parsed.replaceSync(captured.join('\n'))
        const rules = Array.from(parsed.cssRules, (r) => r.cssText).join('\n')
        sheet.replaceSync(`@scope ([id="d${id}"]) {\n${rules}\n}`)
        return node
      }
      return insertBefore.call(this, node, child) as N
    }
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      // A render that never settles must not leave the patches installed.
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the diagram took too long to draw')), RENDER_TIMEOUT_MS)
      })
      return await Promise.race([run(), timeout])
    } finally {
      clearTimeout(timer)
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

/** Diagrams are drawn one at a time, each step in its own idle task. */
let drawing: Promise<unknown> = Promise.resolve()

/**
 * Render once per source (cached); a parse or render error is returned, never thrown. Each step
 * (load, parse, lay out and draw, clean up) runs in its own idle task, one diagram at a time, so
 * a diagram completed in a streaming answer costs a few short tasks, not one long one. Null when
 * `wanted` says the diagram is no longer shown before it was drawn.
 */
export function renderDiagram(
  source: string,
  wanted: () => boolean = () => true,
): Promise<Diagram | { error: string } | null> {
  // Colours come from the theme: a diagram drawn in light is drawn again for dark.
  const hit = results.get(`${pageTheme()}\u0000${source}`)
  if (hit) return Promise.resolve(hit)
  const run = drawing.then(() => (wanted() ? draw(source) : null))
  drawing = run.catch(() => undefined)
  return run
}

async function draw(source: string): Promise<Diagram | { error: string }> {
  const key = `${pageTheme()}\u0000${source}`
  const hit = results.get(key)
  if (hit) return hit
  await nextIdle()
  const m = await load()
  const id = `mermaid-${++counter}`
  const text = stripDirectives(source)
  let out: Diagram | { error: string }
  try {
    // Parsing first loads the diagram type's chunk, so less awaits while the patches are in.
    await nextIdle()
    await m.parse(text, { suppressErrors: true })
    await nextIdle()
    const captured: string[] = []
    const { svg } = await withCssomStyles(id, captured, () => m.render(id, text))
    await nextIdle()
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
let base: CSSStyleSheet | null = null

/** The diagram's CSS as a constructed stylesheet (CSP-safe), shared by every copy on the page. */
function cssSheet(css: string): { sheet: CSSStyleSheet; release: () => void } {
  let entry = sheets.get(css)
  if (!entry) {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
    entry = { sheet, users: 0 }
    sheets.set(css, entry)
  }
  entry.users++
  const e = entry
  return {
    sheet: e.sheet,
    release: () => {
      if (--e.users <= 0) sheets.delete(css)
    },
  }
}

/**
 * Put the diagram into `host`'s shadow root, so the diagram's CSS (adopted there only) cannot
 * reach the page: the SVG is parsed inert, and its inline styles (kept in `data-css`) come back
 * through `style.cssText` (CSSOM) once in the page. Returns the cleanup.
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
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' })
  if (!base) {
    // The page's `.diagram svg` sizing rule, which does not cross the shadow boundary.
    base = new CSSStyleSheet()
    base.replaceSync('svg { max-width: 100%; max-height: 560px; height: auto; }')
  }
  const { sheet, release } = cssSheet(d.css)
  shadow.adoptedStyleSheets = [base, sheet]
  shadow.replaceChildren(svg)
  return () => {
    release()
    shadow.adoptedStyleSheets = []
    shadow.replaceChildren()
  }
}
