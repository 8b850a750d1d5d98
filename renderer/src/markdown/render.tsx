// Markdown tokens (marked's lexer, GFM) to React elements. No HTML string from the model ever
// reaches the DOM: raw HTML is shown as text, links go through `safeHref`, images are shown as
// links (no remote loads: the CSP would block them anyway, and they would be tracking pixels).
import { Fragment, type ReactNode } from 'react'
import { Marked, type Token, type Tokens } from 'marked'
import { CodeBlock } from './CodeBlock'
import { decodeEntities, safeHref } from './safe-url'
import { tr } from '../i18n/intl'
import { MATH_EXTENSIONS, type MathToken } from './math-syntax'
import { Formula, MathBlock } from './math-view'
import { MermaidBlock } from './mermaid-block'

const markdown = new Marked({ gfm: true, breaks: false, extensions: MATH_EXTENSIONS })

export function lex(src: string): Token[] {
  return markdown.lexer(src)
}

function inline(tokens: Token[] | undefined, key = ''): ReactNode[] {
  if (!tokens) return []
  return tokens.map((t, i) => inlineToken(t, `${key}${i}`))
}

function link(href: string, children: ReactNode, key: string, title?: string | null): ReactNode {
  const safe = safeHref(href)
  if (!safe) return <span key={key}>{children}</span>
  return (
    <a key={key} href={safe} target="_blank" rel="noopener noreferrer" title={title ?? safe}>
      {children}
    </a>
  )
}

function inlineToken(t: Token, key: string): ReactNode {
  switch (t.type) {
    case 'text': {
      const tt = t as Tokens.Text
      return tt.tokens ? <Fragment key={key}>{inline(tt.tokens, key)}</Fragment> : decodeEntities(tt.text)
    }
    case 'escape':
      return (t as Tokens.Escape).text
    case 'strong':
      return <strong key={key}>{inline((t as Tokens.Strong).tokens, key)}</strong>
    case 'em':
      return <em key={key}>{inline((t as Tokens.Em).tokens, key)}</em>
    case 'del':
      return <del key={key}>{inline((t as Tokens.Del).tokens, key)}</del>
    case 'codespan':
      return <code key={key}>{decodeEntities((t as Tokens.Codespan).text)}</code>
    case 'br':
      return <br key={key} />
    case 'link': {
      const l = t as Tokens.Link
      return link(l.href, inline(l.tokens, key), key, l.title)
    }
    case 'image': {
      const im = t as Tokens.Image
      return link(im.href, `[image: ${im.text || im.href}]`, key)
    }
    case 'checkbox':
      return (
        <input
          key={key}
          type="checkbox"
          checked={(t as Tokens.Checkbox).checked}
          readOnly
          disabled
          aria-label={tr('markdown.task')}
        />
      )
    case 'html':
      return (t as Tokens.HTML).raw
    case 'inlineMath': {
      const m = t as MathToken
      return <Formula key={key} tex={m.tex} raw={m.raw} display={m.display} />
    }
    default:
      return 'raw' in t ? String(t.raw) : null
  }
}

function listItem(item: Tokens.ListItem, key: string): ReactNode {
  // Tight lists wrap item text in `text` tokens: render them inline, not as paragraphs.
  const body = item.tokens.map((t, i) =>
    t.type === 'text' || t.type === 'checkbox' ? inlineToken(t, `${key}.${i}`) : blockToken(t, `${key}.${i}`),
  )
  return (
    <li key={key} className={item.task ? 'task' : undefined}>
      {body}
    </li>
  )
}

export function blockToken(t: Token, key: string): ReactNode {
  switch (t.type) {
    case 'space':
    case 'def':
      return null
    case 'heading': {
      const h = t as Tokens.Heading
      const level = Math.min(6, Math.max(1, h.depth))
      const Tag = `h${level}` as 'h1'
      return <Tag key={key}>{inline(h.tokens, key)}</Tag>
    }
    case 'paragraph':
      return <p key={key}>{inline((t as Tokens.Paragraph).tokens, key)}</p>
    case 'text': {
      const tt = t as Tokens.Text
      return <p key={key}>{tt.tokens ? inline(tt.tokens, key) : decodeEntities(tt.text)}</p>
    }
    case 'code': {
      const c = t as Tokens.Code
      if (/^mermaid\b/i.test(c.lang ?? '')) return <MermaidBlock key={key} code={c.text} />
      return <CodeBlock key={key} code={c.text} lang={c.lang ?? ''} />
    }
    case 'blockquote':
      return <blockquote key={key}>{blocks((t as Tokens.Blockquote).tokens, key)}</blockquote>
    case 'hr':
      return <hr key={key} />
    case 'list': {
      const l = t as Tokens.List
      const items = l.items.map((it, i) => listItem(it, `${key}.${i}`))
      if (l.ordered)
        return (
          <ol key={key} start={typeof l.start === 'number' && l.start !== 1 ? l.start : undefined}>
            {items}
          </ol>
        )
      return <ul key={key}>{items}</ul>
    }
    case 'table': {
      const tb = t as Tokens.Table
      const align = (a: Tokens.TableCell['align']) => (a ? { textAlign: a } : undefined)
      return (
        <div key={key} className="table-wrap" tabIndex={0} role="region" aria-label={tr('markdown.table')}>
          <table>
            <thead>
              <tr>
                {tb.header.map((c, i) => (
                  <th key={i} style={align(c.align)}>
                    {inline(c.tokens, `${key}h${i}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tb.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((c, i) => (
                    <td key={i} style={align(c.align)}>
                      {inline(c.tokens, `${key}r${r}c${i}`)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )
    }
    case 'blockMath': {
      const m = t as MathToken
      return <MathBlock key={key} tex={m.tex} raw={m.raw.trim()} />
    }
    case 'html':
      // Shown as typed, never interpreted (a <meta> or <script> in an answer stays text).
      return (
        <p key={key} className="raw-html">
          {(t as Tokens.HTML).raw}
        </p>
      )
    default:
      return 'raw' in t ? <p key={key}>{String(t.raw)}</p> : null
  }
}

export function blocks(tokens: Token[], key = ''): ReactNode[] {
  return tokens.map((t, i) => blockToken(t, `${key}${i}`))
}

/** Parse and render one Markdown source (a block, or a small tail). */
export function renderMarkdown(src: string): ReactNode {
  return <>{blocks(lex(src))}</>
}
