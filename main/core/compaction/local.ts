// Local compaction, for providers without `/responses/compact` (or when it answers 404/405): a
// normal streamed request asks the model for a hand-off summary. The new model input is the most
// recent user messages (up to a token budget; the oldest that only partly fits is middle-truncated)
// followed by one user message carrying the summary behind SUMMARY_PREFIX.
import type { WireEvent } from '@shared/wire/events'
import { parseItem } from '@shared/wire/events'
import { messageText, userMessage, type ResponseItem } from '@shared/wire/items'
import type { ModelInfo } from '@shared/wire/models'
import type { ResponsesRequest } from '@shared/wire/request'
import type { ModelTurnSession, TurnStreamHandler } from '../responses/client'
import type { ModelError } from '../responses/errors'
import { COMPACT_PROMPT, NO_SUMMARY, SUMMARY_PREFIX, truncatedMarker } from './prompt'
import { estimateText } from './tokens'
import { requestBody } from '../request-body'

/** codex keeps up to 20,000 tokens of user messages; a small window gets a quarter of its limit. */
export const USER_MESSAGE_BUDGET = 20_000

export interface SummaryRequest {
  conversationId: string
  model: string
  info: ModelInfo
  instructions: string
  input: ResponseItem[]
}

/** The body of the summary request: the conversation's fields, the prompt as the last user message. */
export function summaryBody(r: SummaryRequest): ResponsesRequest {
  return requestBody({ ...r, input: [...r.input, userMessage(COMPACT_PROMPT)], tools: [] })
}

/** Collects the assistant's last message of the summary stream; nothing reaches the transcript. */
class SummaryCollector implements TurnStreamHandler {
  text = ''
  constructor(private readonly onRetryNotice: (message: string) => void) {}
  onEvent(ev: WireEvent): void {
    if (ev.type !== 'response.output_item.done') return
    const item = parseItem(ev.item)
    if (item?.type === 'message' && item.role === 'assistant') this.text = messageText(item)
  }
  onMeta(): void {}
  onUnknown(): void {}
  onMalformed(): void {}
  onAttemptStart(): void {
    this.text = ''
  }
  onRetry(attempt: number, max: number, _delayMs: number, error: ModelError): void {
    this.onRetryNotice(`Reconnecting... ${attempt}/${max} (${error.message})`)
  }
  onFallback(message: string): void {
    this.onRetryNotice(message)
  }
}

export async function summarize(
  turn: ModelTurnSession,
  request: SummaryRequest,
  signal: AbortSignal,
  onNotice: (message: string) => void,
): Promise<string> {
  const collector = new SummaryCollector(onNotice)
  await turn.stream(summaryBody(request), collector, signal, null)
  return collector.text.trim()
}

function isRealUserMessage(item: ResponseItem): string | null {
  if (item.type !== 'message' || item.role !== 'user') return null
  const text = messageText(item)
  if (text.startsWith('Warning: ') || text.startsWith(SUMMARY_PREFIX)) return null
  return text
}

/** Keep the middle out: head and tail of `text` within `tokens`, with a marker saying how much went. */
export function middleTruncate(text: string, tokens: number): string {
  const total = estimateText(text)
  if (total <= tokens) return text
  const keepChars = Math.max(0, tokens * 4)
  const head = text.slice(0, Math.floor(keepChars / 2))
  const tail = text.slice(text.length - Math.floor(keepChars / 2))
  return head + truncatedMarker(total - tokens) + tail
}

export function localReplacement(
  input: readonly ResponseItem[],
  summary: string,
  budget: number,
): ResponseItem[] {
  const kept: string[] = []
  let left = budget
  for (let i = input.length - 1; i >= 0 && left > 0; i--) {
    const text = isRealUserMessage(input[i]!)
    if (text === null) continue
    const cost = estimateText(text)
    kept.push(cost <= left ? text : middleTruncate(text, left))
    left -= cost
  }
  const out: ResponseItem[] = kept.reverse().map((t) => userMessage(t))
  out.push(userMessage(`${SUMMARY_PREFIX}\n${summary || NO_SUMMARY}`))
  return out
}
