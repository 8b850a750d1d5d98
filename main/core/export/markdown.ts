// Markdown export of a conversation's current branch, and of one entry (Copy as Markdown).
import type { Conversation } from '@shared/history'
import { entriesOf, type Entry } from './entries'

/** A fence longer than any backtick run in `text`, so the text cannot end it. */
function fence(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const f = '`'.repeat(longest + 1)
  return `${f}${lang}\n${text}\n${f}`
}

const quote = (text: string) =>
  text
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n')

export function entryMarkdown(e: Entry): string {
  switch (e.kind) {
    case 'user': {
      const attached = e.attached.length ? `_Attached: ${e.attached.join(', ')}_` : ''
      return `### You\n\n${[e.text, attached].filter(Boolean).join('\n\n')}`
    }
    case 'assistant': {
      const head = e.commentary ? '### Assistant (commentary)' : '### Assistant'
      const cut = e.partial ? '\n\n_(This answer was cut short.)_' : ''
      const sources = e.sources.length
        ? '\n\n**Sources**\n\n' +
          e.sources.map((s, i) => `${i + 1}. [${s.title.replace(/[[\]]/g, '')}](<${s.url}>)`).join('\n')
        : ''
      return `${head}\n\n${e.text}${cut}${sources}`
    }
    case 'reasoning':
      return quote(`**Reasoning: ${e.header}**\n\n${e.body}`)
    case 'notice':
      return quote(`**Notice:** ${e.text}`)
    case 'error':
      return quote(`**Error:** ${e.text}`)
    case 'compacted':
      return `---\n\n_${e.text}_\n\n---`
    case 'tool': {
      const out = e.output === null ? '' : `\n\nOutput:\n\n${fence(e.output)}`
      return `**Tool call** \`${e.name}\` (${e.status})\n\n${fence(e.arguments, 'json')}${out}`
    }
  }
}

export function conversationMarkdown(c: Conversation): string {
  const head = `# ${c.summary.title}\n\n_${c.summary.createdAt} · ${c.summary.model || 'unknown model'}_`
  return [head, ...entriesOf(c).map(entryMarkdown)].join('\n\n') + '\n'
}
