// The growing tail of a streaming message, drawn straight into the DOM once per frame. React
// renders the completed blocks (once each); re-rendering a React tree for every frame of tail
// growth cost more than the parse itself. Same markup and classes as render.tsx, and the same
// rules for untrusted text: only text nodes, links only through `safeHref`, raw HTML as text.
import type { Token, Tokens } from 'marked'
import { lex } from './render'
import { decodeEntities, safeHref } from './safe-url'
import type { MathToken } from './math-syntax'
import { katexNow, loadKatex } from './math-katex'

const OPEN_FENCE = /^ {0,3}(`{3,}|~{3,})([^\n`]*)\n([\s\S]*)$/

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  children: (Node | string)[] = [],
  cls?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag)
  if (cls) e.className = cls
  e.append(...children)
  return e
}

/**
 * A formula in the growing tail: its source, styled as math source. The tail is rebuilt per frame
 * and KaTeX's boxes made every rebuild lay out again (long tasks in the math bench), so formulas
 * are typeset once their block completes, like code is highlighted; KaTeX starts loading here so
 * it is ready by then.
 */
function math(m: MathToken): Node {
  if (!katexNow()) void loadKatex().catch(() => undefined)
  return el('code', [m.raw], m.display ? 'math-source math-display' : 'math-source')
}

function inline(tokens: Token[] | undefined): (Node | string)[] {
  const out: (Node | string)[] = []
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'text': {
        const tt = t as Tokens.Text
        if (tt.tokens) out.push(...inline(tt.tokens))
        else out.push(decodeEntities(tt.text))
        break
      }
      case 'escape':
        out.push((t as Tokens.Escape).text)
        break
      case 'strong':
      case 'em':
      case 'del':
        out.push(
          el(
            t.type === 'strong' ? 'strong' : t.type === 'em' ? 'em' : 'del',
            inline((t as Tokens.Strong).tokens),
          ),
        )
        break
      case 'codespan':
        out.push(el('code', [decodeEntities((t as Tokens.Codespan).text)]))
        break
      case 'br':
        out.push(el('br'))
        break
      case 'link': {
        const l = t as Tokens.Link
        const href = safeHref(l.href)
        if (!href) out.push(el('span', inline(l.tokens)))
        else {
          const a = el('a', inline(l.tokens))
          a.href = href
          a.target = '_blank'
          a.rel = 'noopener noreferrer'
          out.push(a)
        }
        break
      }
      case 'image': {
        const im = t as Tokens.Image
        out.push(`[image: ${im.text || im.href}]`)
        break
      }
      case 'inlineMath':
        out.push(math(t as MathToken))
        break
      default:
        if ('raw' in t) out.push(String(t.raw))
    }
  }
  return out
}

function code(text: string, lang: string): HTMLElement {
  const label = lang.trim().split(/\s+/)[0] || 'text'
  return el(
    'div',
    [el('div', [el('span', [label], 'code-lang')], 'code-head'), el('pre', [el('code', [text])])],
    'code-block',
  )
}

function block(t: Token): Node | null {
  switch (t.type) {
    case 'space':
    case 'def':
      return null
    case 'heading': {
      const h = t as Tokens.Heading
      return el(`h${Math.min(6, Math.max(1, h.depth))}` as 'h1', inline(h.tokens))
    }
    case 'paragraph':
      return el('p', inline((t as Tokens.Paragraph).tokens))
    case 'text':
      return el(
        'p',
        (t as Tokens.Text).tokens ? inline((t as Tokens.Text).tokens) : [(t as Tokens.Text).text],
      )
    case 'code':
      return code((t as Tokens.Code).text, (t as Tokens.Code).lang ?? '')
    case 'blockquote':
      return el('blockquote', blocks((t as Tokens.Blockquote).tokens))
    case 'hr':
      return el('hr')
    case 'list': {
      const l = t as Tokens.List
      const items = l.items.map((it) =>
        el(
          'li',
          it.tokens.flatMap((c) =>
            c.type === 'text' ? inline([c]) : c.type === 'checkbox' ? [] : [block(c) ?? ''],
          ),
        ),
      )
      const list = el(l.ordered ? 'ol' : 'ul', items)
      if (l.ordered && typeof l.start === 'number' && l.start !== 1)
        list.setAttribute('start', String(l.start))
      return list
    }
    case 'table': {
      const tb = t as Tokens.Table
      const head = el('thead', [
        el(
          'tr',
          tb.header.map((c) => el('th', inline(c.tokens))),
        ),
      ])
      const body = el(
        'tbody',
        tb.rows.map((r) =>
          el(
            'tr',
            r.map((c) => el('td', inline(c.tokens))),
          ),
        ),
      )
      return el('div', [el('table', [head, body])], 'table-wrap')
    }
    case 'blockMath':
      return el('div', [math(t as MathToken)], 'math-block')
    case 'html':
      return el('p', [(t as Tokens.HTML).raw], 'raw-html')
    default:
      return 'raw' in t ? el('p', [String(t.raw)]) : null
  }
}

function blocks(tokens: Token[]): Node[] {
  const out: Node[] = []
  for (const t of tokens) {
    const n = block(t)
    if (n) out.push(n)
  }
  return out
}

/**
 * Text with nothing Markdown could turn into markup (no emphasis, code, links, autolinks, HTML,
 * entities, list or heading starts, hard breaks): it renders as one paragraph of exactly this text.
 */
const MARKUP = /[#*_`>[\]<&\\|~=+$-]|!\[|:\/\/|www\.|@|^ {4}|^\s*\d+[.)]| {2}\n|\n\s*\n/m

/** What was drawn last per target, so growth of a plain paragraph or open fence only appends. */
interface Drawn {
  src: string
  /** The text node that holds `src` (or the code after the fence line). */
  node: Text
  kind: 'plain' | 'fence'
}
const drawn = new WeakMap<HTMLElement, Drawn>()

function appendOnly(target: HTMLElement, src: string): boolean {
  const d = drawn.get(target)
  if (!d || !src.startsWith(d.src)) return false
  const added = src.slice(d.src.length)
  // Only the new text (with a little context for patterns that span the join) is checked: the
  // rest was plain already.
  if (d.kind === 'plain' && !MARKUP.test(d.src.slice(-8) + added)) {
    d.node.appendData(added)
    d.src = src
    return true
  }
  // Inside an open fence, growth is code unless a line could close the fence.
  if (d.kind === 'fence' && !/[`~]/.test(added)) {
    d.node.appendData(added)
    d.src = src
    return true
  }
  return false
}

/** Replace `target`'s content with the tail rendered (an open code fence is plain code). */
export function drawTail(target: HTMLElement, src: string): void {
  if (src.trim() === '') {
    drawn.delete(target)
    target.replaceChildren()
    return
  }
  if (appendOnly(target, src)) return
  const fence = OPEN_FENCE.exec(src)
  if (fence) {
    // A closing fence that has arrived without its newline yet is not code.
    const body = fence[3]!.replace(/\n? {0,3}(`{3,}|~{3,})\s*$/, '')
    const trimmed = body.replace(/\n$/, '')
    const block = code(trimmed, fence[2]!.trim())
    target.replaceChildren(block)
    const node = block.querySelector('code')!.firstChild as Text | null
    // Appending is exact only while the drawn code is the raw rest of the source.
    if (node && trimmed === fence[3]) drawn.set(target, { src, node, kind: 'fence' })
    else drawn.delete(target)
    return
  }
  if (!MARKUP.test(src)) {
    const node = document.createTextNode(src)
    target.replaceChildren(el('p', [node]))
    drawn.set(target, { src, node, kind: 'plain' })
    return
  }
  const nodes = blocks(lex(src))
  target.replaceChildren(...nodes)
  // A paragraph whose last text is the raw end of the source (e.g. prose after a formula or a
  // link) grows by appending too, while what arrives is plain.
  const last = nodes.length === 1 && nodes[0] instanceof HTMLParagraphElement ? nodes[0].lastChild : null
  if (last instanceof Text && last.data !== '' && src.endsWith(last.data))
    drawn.set(target, { src, node: last, kind: 'plain' })
  else drawn.delete(target)
}
