// Web-search citations of an answer: numbered inline links in the Markdown and a sources list.
// Links are Markdown links, so they take the one safe-link path (markdown/safe-url.ts).
import type { Citation } from '@shared/tools'
import { UrlCitation } from '@shared/wire/tools'
import type { MessageItem } from '@shared/wire/items'

export interface Source {
  n: number
  url: string
  title: string
}

/** A URL as a Markdown link destination (no spaces or parentheses to end it early). */
function dest(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
}

/**
 * Inserts ` [n](url)` after each cited span (a span that already is that link is replaced by it),
 * numbering sources by first appearance, one number per URL.
 */
export function citeMarkdown(
  text: string,
  citations: readonly Citation[],
): { text: string; sources: Source[] } {
  const sources: Source[] = []
  const numberOf = new Map<string, number>()
  const valid = citations.filter((c) => c.start >= 0 && c.end <= text.length && c.start <= c.end)
  for (const c of [...valid].sort((a, b) => a.start - b.start)) {
    if (numberOf.has(c.url)) continue
    numberOf.set(c.url, sources.length + 1)
    sources.push({ n: sources.length + 1, url: c.url, title: c.title || c.url })
  }
  let out = ''
  let at = 0
  const seen = new Set<number>()
  for (const c of [...valid].sort((a, b) => a.end - b.end)) {
    if (c.start < at) continue
    const n = numberOf.get(c.url)!
    const span = text.slice(c.start, c.end)
    const link = seen.has(n) && span.includes(c.url) ? '' : ` [[${n}]](${dest(c.url)})`
    seen.add(n)
    // The service often writes the citation itself as a link in the text: keep one link, numbered.
    out += span.includes(c.url) ? text.slice(at, c.start) + link.trimStart() : text.slice(at, c.end) + link
    at = c.end
  }
  return { text: out + text.slice(at), sources }
}

/** Citations stored on a message item (`url_citation` annotations of its text parts). */
export function storedCitations(item: MessageItem): Citation[] {
  const out: Citation[] = []
  let offset = 0
  for (const part of item.content) {
    if (part.type !== 'output_text') continue
    const list = Array.isArray(part.annotations) ? (part.annotations as unknown[]) : []
    for (const a of list) {
      const c = UrlCitation.safeParse(a)
      if (c.success)
        out.push({
          url: c.data.url,
          title: c.data.title || c.data.url,
          start: offset + c.data.start_index,
          end: offset + c.data.end_index,
        })
    }
    offset += part.text.length
  }
  return out
}
