// Texts of local compaction: what the model is asked for, and how its summary is introduced to
// the model afterwards (research-2026-11 §1.3, in our own words).

export const COMPACT_PROMPT = `You are writing a context checkpoint. The conversation above will be replaced by your summary, and the assistant that continues (possibly another model) will not see the original messages.

Write a concise, structured hand-off summary with these parts:
- Goal: what the user is trying to achieve.
- Progress and decisions: what has been done or settled so far, and why.
- Constraints and preferences: requirements, formats, tone or choices the user stated.
- Next steps: what remains to be done.
- Critical references: exact names, numbers, code, paths, links or quotes needed to continue.

Reply with the summary only.`

/** Starts the user message that carries the summary; also how earlier summaries are recognised. */
export const SUMMARY_PREFIX =
  'Earlier turns of this conversation were compacted to fit the context window. What follows is a summary of them, written as a hand-off; treat it as the record of what happened before the messages above were sent:'

export const NO_SUMMARY = '(no summary available)'

export const LOCAL_WARNING =
  'Heads up: this conversation was summarized to fit the model. Long conversations and repeated compactions can make the model less accurate; start a new conversation when you can.'

export function truncatedMarker(tokens: number): string {
  return `\n…[${tokens} tokens truncated]…\n`
}
