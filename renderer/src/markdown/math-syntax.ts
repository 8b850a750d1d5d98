// TeX math in Markdown, as marked extensions: inline `$…$` / `\(…\)`, display `$$…$$` / `\[…\]`.
// Dollars follow pandoc's tex_math_dollars rules so prices stay text ("it costs $5 and $10"):
// an opening `$` must be followed by a non-space, a closing `$` preceded by a non-space and not
// followed by a digit, and `\$` is a literal dollar. Code spans and fences are lexed first, so
// dollars in code are never math. The extensions run before marked's own rules, which would
// otherwise read `\(` as an escaped parenthesis.
import type { TokenizerExtension, Tokens } from 'marked'

export interface MathToken extends Tokens.Generic {
  type: 'inlineMath' | 'blockMath'
  raw: string
  tex: string
  display: boolean
}

// Hand-written scanners rather than regular expressions with nested repetition: one linear pass
// each, whatever the input (a long line of dollars cannot make them backtrack).

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r'
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9'

/** A blank line starts at `i` (a newline followed by only spaces/tabs and another newline). */
function blankLineAt(src: string, i: number): boolean {
  if (src[i] !== '\n') return false
  let j = i + 1
  while (src[j] === ' ' || src[j] === '\t') j++
  return src[j] === '\n'
}

/** `$$…$$` from the start of `src`: the end offset, or -1 (no blank line inside). */
function scanDisplayDollars(src: string): number {
  for (let i = 2; i < src.length; i++) {
    const c = src[i]
    if (c === '\\') i++
    else if (c === '$') return src[i + 1] === '$' ? i + 2 : -1
    else if (blankLineAt(src, i)) return -1
  }
  return -1
}

/** `$…$` by pandoc's rules: the end offset, or -1. The content holds no unescaped `$`. */
function scanInlineDollars(src: string): number {
  if (isSpace(src[1]) || src[1] === '$' || src[1] === undefined) return -1
  for (let i = 1; i < src.length; i++) {
    const c = src[i]
    if (c === '\\') i++
    else if (c === '$') return !isSpace(src[i - 1]) && !isDigit(src[i + 1]) ? i + 1 : -1
    else if (blankLineAt(src, i)) return -1
  }
  return -1
}

/** `open…close` (e.g. `\(…\)`): the end offset, or -1; inline ones stop at a blank line. */
function scanPair(src: string, close: string, inline: boolean): number {
  const at = src.indexOf(close, 2)
  if (at < 0) return -1
  if (inline) for (let i = 2; i < at; i++) if (blankLineAt(src, i)) return -1
  return at + close.length
}

/** Only spaces/tabs, then a newline or the end, from `i`: where the line ends, or -1. */
function restOfLineEmpty(src: string, i: number): number {
  while (src[i] === ' ' || src[i] === '\t') i++
  if (i >= src.length) return i
  return src[i] === '\n' ? i + 1 : -1
}

function token(type: MathToken['type'], raw: string, tex: string, display: boolean): MathToken {
  return { type, raw, tex: tex.trim(), display }
}

/** The first place inline math could start (a `$` not escaped, or `\(` / `\[`). */
function inlineStart(src: string): number | undefined {
  const m = /(?<!\\)\$|\\[([]/.exec(src)
  return m ? m.index : undefined
}

function inlineToken(src: string, end: number, open: number, close: number, display: boolean) {
  if (end < 0) return undefined
  const tex = src.slice(open, end - close)
  return tex.trim() === '' ? undefined : token('inlineMath', src.slice(0, end), tex, display)
}

export const inlineMath: TokenizerExtension = {
  name: 'inlineMath',
  level: 'inline',
  start: inlineStart,
  tokenizer(src) {
    if (src[0] === '$') {
      if (src[1] === '$') return inlineToken(src, scanDisplayDollars(src), 2, 2, true)
      return inlineToken(src, scanInlineDollars(src), 1, 1, false)
    }
    if (src.startsWith('\\(')) return inlineToken(src, scanPair(src, '\\)', true), 2, 2, false)
    if (src.startsWith('\\[')) return inlineToken(src, scanPair(src, '\\]', true), 2, 2, true)
    return undefined
  },
}

export const blockMath: TokenizerExtension = {
  name: 'blockMath',
  level: 'block',
  start: (src) => {
    const m = /^ {0,3}(?:\$\$|\\\[)/m.exec(src)
    return m ? m.index : undefined
  },
  tokenizer(src) {
    let indent = 0
    while (indent < 3 && src[indent] === ' ') indent++
    const rest = src.slice(indent)
    const dollars = rest.startsWith('$$')
    if (!dollars && !rest.startsWith('\\[')) return undefined
    const end = dollars ? scanDisplayDollarsBlock(rest) : scanPair(rest, '\\]', false)
    if (end < 0) return undefined
    const lineEnd = restOfLineEmpty(rest, end)
    if (lineEnd < 0) return undefined
    const tex = rest.slice(2, end - 2)
    if (tex.trim() === '') return undefined
    return token('blockMath', src.slice(0, indent + lineEnd), tex, true)
  },
}

/** A `$$` block on its own lines ends at the next `$$` (the block splitter already cut it at blank lines). */
function scanDisplayDollarsBlock(src: string): number {
  const at = src.indexOf('$$', 2)
  return at < 0 ? -1 : at + 2
}

export const MATH_EXTENSIONS = [blockMath, inlineMath]

/** Whether a text may hold math at all (a cheap pre-check for the streaming fast path). */
export function mayHaveMath(text: string): boolean {
  return /\$|\\[([]/.test(text)
}
