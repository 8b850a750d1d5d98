// A single self-contained HTML file of a conversation's current branch: styles and highlighted
// code inlined, no script, and a CSP that forbids any (model text may contain HTML: it is shown
// as text, and only http(s)/mailto links are kept).
import { Marked, type Tokens } from 'marked'
import hljs from 'highlight.js/lib/common'
import type { Conversation } from '@shared/history'
import { entriesOf, type Entry } from './entries'
import { EXPORT_CSS } from './html-style'

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

const SAFE_URL = /^(https?:|mailto:)/i

const md = new Marked({
  gfm: true,
  renderer: {
    html: (t: Tokens.HTML | Tokens.Tag) => escapeHtml(t.text),
    code(t: Tokens.Code) {
      const lang = (t.lang ?? '').split(/\s/)[0] ?? ''
      const body =
        lang && hljs.getLanguage(lang) ? hljs.highlight(t.text, { language: lang }).value : escapeHtml(t.text)
      return `<pre><code class="hljs${lang ? ` language-${escapeHtml(lang)}` : ''}">${body}</code></pre>\n`
    },
    link(t: Tokens.Link) {
      const text = this.parser.parseInline(t.tokens)
      if (!SAFE_URL.test(t.href)) return text
      return `<a href="${escapeHtml(t.href)}" rel="noreferrer noopener">${text}</a>`
    },
    image(t: Tokens.Image) {
      return escapeHtml(t.text || t.href)
    },
  },
})

const render = (text: string) => md.parse(text, { async: false })

function entryHtml(e: Entry): string {
  switch (e.kind) {
    case 'user': {
      const attached = e.attached.length
        ? `<p class="attached">Attached: ${escapeHtml(e.attached.join(', '))}</p>`
        : ''
      const bubble = e.text ? `<div class="bubble">${escapeHtml(e.text)}</div>` : ''
      return `<section class="msg user"><div class="who">You</div>${bubble}${attached}</section>`
    }
    case 'assistant': {
      const sources = e.sources.length
        ? `<ol class="sources">${e.sources.map((s) => `<li>${SAFE_URL.test(s.url) ? `<a href="${escapeHtml(s.url)}">${escapeHtml(s.title)}</a>` : escapeHtml(s.title)}</li>`).join('')}</ol>`
        : ''
      const cut = e.partial ? '<p class="cut">This answer was cut short.</p>' : ''
      return `<section class="msg assistant${e.commentary ? ' commentary' : ''}"><div class="who">Assistant</div>${render(e.text)}${cut}${sources}</section>`
    }
    case 'reasoning':
      return `<details class="reasoning"><summary>Reasoning: ${escapeHtml(e.header)}</summary>${render(e.body)}</details>`
    case 'notice':
      return `<aside class="notice"><strong>Notice:</strong> ${escapeHtml(e.text)}</aside>`
    case 'error':
      return `<aside class="error"><strong>Error:</strong> ${escapeHtml(e.text)}</aside>`
    case 'compacted':
      return `<hr class="compacted" title="${escapeHtml(e.text)}"><p class="compacted">${escapeHtml(e.text)}</p>`
    case 'tool':
      return `<details class="tool"><summary>Tool call <code>${escapeHtml(e.name)}</code> · ${escapeHtml(e.status)}</summary><pre><code>${escapeHtml(e.arguments)}</code></pre>${e.output === null ? '' : `<div class="label">Output</div><pre><code>${escapeHtml(e.output)}</code></pre>`}</details>`
  }
}

export function conversationHtml(c: Conversation): string {
  const title = escapeHtml(c.summary.title)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${EXPORT_CSS}</style>
</head>
<body>
<main>
<header><h1>${title}</h1><p class="meta">${escapeHtml(c.summary.createdAt)} · ${escapeHtml(c.summary.model || 'unknown model')}</p></header>
${entriesOf(c).map(entryHtml).join('\n')}
</main>
</body>
</html>
`
}
