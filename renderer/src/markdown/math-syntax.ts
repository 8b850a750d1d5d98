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

// `$$…$$` anywhere in a paragraph; no empty content, no blank line inside.
const DISPLAY_DOLLARS = /^\$\$(?!\$)((?:\\[\s\S]|[^\\$\n]|\n(?![ \t]*\n)|\$(?!\$))+?)\$\$/
// `$…$`: not `$ x$`, not `$x $`, not `$5 and $10`, not `$5/$10` (closing `$` before a digit).
const INLINE_DOLLARS = /^\$(?![\s$])((?:\\[\s\S]|[^\\$\n]|\n(?![ \t]*\n))*?[^\s\\])\$(?!\d)/
const INLINE_PARENS = /^\\\(((?:[^\\\n]|\\(?!\))[\s\S]?|\n(?![ \t]*\n))+?)\\\)/
const DISPLAY_BRACKETS = /^\\\[((?:[^\\]|\\(?!\])[\s\S]?)+?)\\\]/
// A display block on its own lines: `$$` or `\[` opening a line, closed on the same or a later one.
const BLOCK_DOLLARS = /^ {0,3}\$\$((?:\\[\s\S]|[^\\$]|\$(?!\$))+?)\$\$[ \t]*(?:\n|$)/
const BLOCK_BRACKETS = /^ {0,3}\\\[((?:[^\\]|\\(?!\])[\s\S]?)+?)\\\][ \t]*(?:\n|$)/

function token(type: MathToken['type'], raw: string, tex: string, display: boolean): MathToken {
  return { type, raw, tex: tex.trim(), display }
}

/** The first place inline math could start (a `$` not escaped, or `\(` / `\[`). */
function inlineStart(src: string): number | undefined {
  const m = /(?<!\\)\$|\\[([]/.exec(src)
  return m ? m.index : undefined
}

export const inlineMath: TokenizerExtension = {
  name: 'inlineMath',
  level: 'inline',
  start: inlineStart,
  tokenizer(src) {
    const c = src[0]
    if (c === '$') {
      const d = DISPLAY_DOLLARS.exec(src)
      if (d && d[1]!.trim() !== '') return token('inlineMath', d[0], d[1]!, true)
      if (src.startsWith('$$')) return undefined
      const m = INLINE_DOLLARS.exec(src)
      if (m) return token('inlineMath', m[0], m[1]!, false)
      return undefined
    }
    if (c !== '\\') return undefined
    const p = INLINE_PARENS.exec(src)
    if (p && p[1]!.trim() !== '') return token('inlineMath', p[0], p[1]!, false)
    const b = DISPLAY_BRACKETS.exec(src)
    if (b && b[1]!.trim() !== '') return token('inlineMath', b[0], b[1]!, true)
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
    const m = BLOCK_DOLLARS.exec(src) ?? BLOCK_BRACKETS.exec(src)
    if (!m || m[1]!.trim() === '') return undefined
    return token('blockMath', m[0], m[1]!, true)
  },
}

export const MATH_EXTENSIONS = [blockMath, inlineMath]

/** Whether a text may hold math at all (a cheap pre-check for the streaming fast path). */
export function mayHaveMath(text: string): boolean {
  return /\$|\\[([]/.test(text)
}
