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
