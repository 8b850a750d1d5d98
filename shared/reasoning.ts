// Reasoning-summary headers (protocol.md §9). Shared so the engine and the renderer agree.

/**
 * First bold span of a (possibly partial) reasoning summary. Only the first `**` opener is
 * considered: if it has no closer yet, there is no header (avoids flicker on partial chunks).
 */
export function extractFirstBold(buffer: string): string | null {
  const open = buffer.indexOf('**')
  if (open < 0) return null
  const close = buffer.indexOf('**', open + 2)
  if (close < 0) return null
  const inner = buffer.slice(open + 2, close).trim()
  return inner === '' ? null : inner
}

export interface ReasoningCell {
  header: string
  body: string
}

/**
 * A finished reasoning block renders as a summary cell only when it has a bold header AND text
 * after it; otherwise it is transcript-only (null).
 */
export function splitReasoningBlock(text: string): ReasoningCell | null {
  const t = text.trim()
  const open = t.indexOf('**')
  if (open < 0) return null
  const close = t.indexOf('**', open + 2)
  if (close < 0) return null
  const header = t.slice(0, close + 2)
  const body = t.slice(close + 2)
  if (body.trim() === '') return null
  return { header, body }
}
