// A scripted context window (off unless set). Tokens are counted like the engine estimates them:
// serialized bytes ÷ 4 of the instructions and input items. A request over the window is answered
// `context_length_exceeded` the way the service does it: a `response.failed` on `/responses`
// (SSE and WebSocket), an HTTP 400 on `/responses/compact`. Completed responses report the usage
// counted here, so the engine's count follows the emulator's. Compaction items the emulator
// issued are remembered; a request carrying any other `encrypted_content` is rejected.
import { randomBytes } from 'node:crypto'
import { ResponseItem } from '../../shared/wire/items'
import { apiError, type ApiErrorBody } from './errors'
import { created, DEFAULT_TEXT, failed, newId, textAnswer } from './scripts'
import type { Scenario, Step } from './types'

export const OVERFLOW_MESSAGE =
  'Your input exceeds the context window of this model. Please adjust your input and try again.'

/** A scripted answer of `/responses/compact`: an error status (and body), else the default answer. */
export interface CompactScript {
  status?: number
  body?: unknown
}

function tokensOf(value: unknown): number {
  if (value === undefined) return 0
  return Math.ceil(Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value)) / 4)
}

/** Tokens of `input` items, one by one (each item serialized as the engine does). */
export function countItems(input: readonly unknown[]): number {
  let bytes = 0
  for (const item of input) bytes += Buffer.byteLength(JSON.stringify(item))
  return Math.ceil(bytes / 4)
}

export function countRequest(body: { instructions?: string | undefined; input: readonly unknown[] }): number {
  return tokensOf(body.instructions) + countItems(body.input)
}

/** An output item as a client resends it: the fields the contract knows, without `id`. */
function withoutId(item: unknown): unknown {
  const parsed = ResponseItem.safeParse(item)
  const known = parsed.success ? parsed.data : item
  if (typeof known !== 'object' || known === null) return known
  const { id: _id, ...rest } = known as Record<string, unknown>
  return rest
}

export class ContextWindow {
  window: number | null
  /** Windows of particular models (a switch to a smaller model is tested with these). */
  readonly perModel = new Map<string, number>()
  private readonly issued = new Set<string>()
  private readonly compactScripts: CompactScript[] = []

  constructor(window: number | null) {
    this.window = window
  }

  windowFor(model: string): number | null {
    return this.perModel.get(model) ?? this.window
  }

  exceeds(tokens: number, model: string): boolean {
    const window = this.windowFor(model)
    return window !== null && tokens > window
  }

  /** The service's streamed answer to an input over the window. */
  overflowSteps(): Step[] {
    const responseId = newId('resp')
    return [
      created({ responseId }),
      failed({ code: 'context_length_exceeded', message: OVERFLOW_MESSAGE }, { responseId }),
    ]
  }

  /** `/responses/compact`'s answer to an input over the window (HTTP 400). */
  overflowBody(): ApiErrorBody {
    return apiError(OVERFLOW_MESSAGE, 'context_length_exceeded', { param: 'input' })
  }

  /** A 400 body when an input item is a compaction item the emulator did not issue. */
  checkCompactionItems(input: readonly unknown[]): ApiErrorBody | null {
    for (let i = 0; i < input.length; i++) {
      const item = input[i] as { type?: unknown; encrypted_content?: unknown }
      if (item?.type !== 'compaction') continue
      if (typeof item.encrypted_content === 'string' && this.issued.has(item.encrypted_content)) continue
      return apiError(
        `The encrypted content of input[${i}] (a compaction item) could not be verified.`,
        'invalid_encrypted_content',
        { param: `input[${i}].encrypted_content` },
      )
    }
    return null
  }

  issue(): { type: 'compaction'; id: string; encrypted_content: string } {
    const encrypted_content = `gAAAAA${randomBytes(48).toString('base64url')}`
    this.issued.add(encrypted_content)
    return { type: 'compaction', id: newId('cmp'), encrypted_content }
  }

  scriptCompact(s: CompactScript[]): void {
    this.compactScripts.push(...s)
  }

  takeCompactScript(): CompactScript | undefined {
    return this.compactScripts.shift()
  }

  /**
   * With a window set, the scenario's `response.completed` reports the usage counted here
   * (output = its output items as the next request would carry them). Returns the total too.
   */
  withUsage(
    scenario: Scenario | undefined,
    inputTokens: number,
    model: string,
  ): { scenario: Scenario | undefined; total: number } {
    if (this.windowFor(model) === null || scenario?.status !== undefined)
      return { scenario, total: inputTokens }
    const steps = scenario?.steps ?? textAnswer(DEFAULT_TEXT)
    let output = 0
    for (const step of steps) {
      const e = 'event' in step ? step.event : null
      if (e?.type === 'response.output_item.done') output += tokensOf(withoutId(e.item))
    }
    const usage = {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: output,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + output,
    }
    const counted = steps.map((step): Step => {
      if (!('event' in step) || step.event.type !== 'response.completed') return step
      const response = { ...(step.event.response as Record<string, unknown>), usage }
      return { event: { ...step.event, response } }
    })
    return { scenario: { ...scenario, steps: counted }, total: inputTokens + output }
  }
}
