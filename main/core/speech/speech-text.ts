// What read aloud says: Markdown turned into plain sentences, code blocks skipped or summarized
// (the rule the user picks and sees in settings), cut into requests by sentence. The first request
// is one short sentence so audio starts quickly; later ones grow, so a long answer needs few.
import type { CodeBlockRule } from '@shared/speech'

const FENCE = /^ {0,3}(```+|~~~+)[ \t]*([\w#+.-]*)[^\n]*\n([\s\S]*?)(?:^ {0,3}\1[ \t]*$|(?![\s\S]))/gm

export interface SpeechText {
  text: string
  codeBlocks: number
}

export function summarizeCode(language: string, lines: number): string {
  const lang = language ? ` in ${language}` : ''
  return `A code block${lang}, ${lines} line${lines === 1 ? '' : 's'}.`
}

/** Markdown → what is read aloud. */
export function speechText(markdown: string, rule: CodeBlockRule): SpeechText {
  let codeBlocks = 0
  const withoutCode = markdown.replace(FENCE, (_m, _fence: string, lang: string, body: string) => {
    codeBlocks++
    if (rule === 'skip') return '\n\n'
    const lines = body.replace(/\n$/, '').split('\n').length
    return `\n\n${summarizeCode(lang, lines)}\n\n`
  })
  const text = withoutCode
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images: their alt text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // links: their text
    .replace(/<[^>]+>/g, ' ') // raw HTML tags
    .replace(/`([^`]*)`/g, '$1') // inline code: its text
    .replace(/^ {0,3}#{1,6}\s+(.*)$/gm, '$1.') // headings end a sentence
    .replace(/^ {0,3}>\s?/gm, '') // quotes
    .replace(/^[ \t]*(?:[-*+]|\d+[.)])\s+/gm, '') // list markers
    .replace(/^[ \t]*\|?[ \t:|-]+\|[ \t:|-]*$/gm, '') // table rules
    .replace(/\|/g, ', ')
    .replace(/(\*\*|__|\*|_|~~)(?=\S)([^*_~\n]+?)\1/g, '$2') // emphasis
    .replace(/\.\.+(?=\s|$)/g, '.')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  return { text, codeBlocks }
}

/** Sentences (a paragraph break ends one too), each trimmed, none empty. */
export function sentences(text: string): string[] {
  const out: string[] = []
  for (const para of text.split(/\n\s*\n/)) {
    const flat = para.replace(/\s*\n\s*/g, ' ').trim()
    if (!flat) continue
    const re = /[^.!?…]+(?:[.!?…]+["')\]]*|$)/g
    for (const m of flat.matchAll(re)) {
      const s = m[0].trim()
      if (s) out.push(s)
    }
  }
  return out
}

/** Split a too-long sentence at commas, then at spaces, then hard. */
function splitLong(s: string, max: number): string[] {
  if (s.length <= max) return [s]
  const out: string[] = []
  let rest = s
  while (rest.length > max) {
    let cut = rest.lastIndexOf(', ', max)
    if (cut < max / 3) cut = rest.lastIndexOf(' ', max)
    if (cut < max / 3) cut = max
    out.push(rest.slice(0, cut + (rest[cut] === ',' ? 1 : 0)).trim())
    rest = rest.slice(cut + 1).trim()
  }
  if (rest) out.push(rest)
  return out
}

/** Request sizes: a short first one, then growing (characters). */
const FIRST_CHUNK = 200
const LATER_CHUNKS = [400, 1000, 2000]

/** The texts of the `/audio/speech` requests, in order. */
export function speechChunks(text: string): string[] {
  const chunks: string[] = []
  let current = ''
  const limit = () => (chunks.length === 0 ? FIRST_CHUNK : LATER_CHUNKS[Math.min(chunks.length - 1, 2)]!)
  for (const sentence of sentences(text)) {
    for (const piece of splitLong(sentence, limit())) {
      if (current && current.length + 1 + piece.length > limit()) {
        chunks.push(current)
        current = ''
      }
      // The first request is exactly one sentence: the sooner it is synthesized, the sooner audio plays.
      if (chunks.length === 0 && current) {
        chunks.push(current)
        current = ''
      }
      current = current ? `${current} ${piece}` : piece
    }
  }
  if (current) chunks.push(current)
  return chunks
}
