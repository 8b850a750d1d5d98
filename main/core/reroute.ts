// The cyber-safety reroute notice (protocol.md §2): the server answered with another model.

export function rerouteWarning(requested: string, served: string): string {
  return (
    `Your account was flagged for potentially high-risk cyber activity and this request was routed to ` +
    `${served} as a fallback. To regain access to ${requested}, apply for trusted access: ` +
    `https://chatgpt.com/cyber or learn more: https://developers.openai.com/codex/concepts/cyber-safety`
  )
}

/** Synthetic warning items are not real user messages (dropped when collecting those). */
export function isRerouteWarningText(text: string): boolean {
  return text.startsWith('Warning: Your account was flagged for potentially high-risk cyber activity')
}

/** Longest model name a reroute notice shows; real names are far shorter. */
export const MAX_MODEL_NAME_CHARS = 64

/**
 * A model name the server sent, fit for a trusted-looking banner (issue 11, finding 8): its
 * leading run of the characters model names use (letters, digits, `.`, `-`, `_`, `:`), at most
 * 64 of them, so a server cannot put a sentence, markup, a link or control characters there.
 */
export function boundModelName(name: string): string {
  const clean = /^[A-Za-z0-9._:-]+/.exec(name.trim())?.[0]
  if (!clean) return 'unknown-model'
  return clean.length > MAX_MODEL_NAME_CHARS ? `${clean.slice(0, MAX_MODEL_NAME_CHARS - 1)}…` : clean
}
