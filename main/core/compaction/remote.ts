// Remote compaction for OpenAI's own providers: unary `POST {base}/responses/compact` with
// `{model, input, instructions}` and the same headers, auth refresh, turn state and zstd rules as
// a normal request. The answer's `output` (user messages + one opaque `compaction` item) becomes
// the new model input, keeping only user and assistant messages and compaction items.
import { CompactResponse, type CompactRequest } from '@shared/wire/compact'
import { parseItem } from '@shared/wire/events'
import type { ResponseItem } from '@shared/wire/items'
import { unaryRequest } from '../http-get'
import { joinUrl } from '../provider'
import { encodeBody } from '../responses/compression'
import { ModelError, isModelError, mapHttpStatus } from '../responses/errors'
import { backoffMs, parseRetryAfter, sleep } from '../responses/retry'
import { headerGetter, readResponseMeta } from '../responses/headers'
import type { ClientOptions, ModelTurnSession } from '../responses/client'

export async function compactRemote(
  opts: ClientOptions,
  turn: ModelTurnSession,
  body: CompactRequest,
  signal: AbortSignal,
): Promise<ResponseItem[]> {
  const p = opts.provider
  const url = joinUrl(p.baseUrl, 'responses/compact', p.queryParams)
  const encoded = await encodeBody(body, opts.compression, p, opts.logger)
  let refreshed = false
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await unaryRequest(url, {
        method: 'POST',
        headers: await turn.headers({
          Accept: 'application/json',
          'Content-Type': 'application/json',
          ...encoded.headers,
        }),
        body: encoded.bytes,
        timeoutMs: opts.idleTimeoutMs,
        agent: p.agent?.(new URL(url)),
        signal,
      })
      const get = headerGetter(res.headers)
      turn.captureTurnState(readResponseMeta(get, Object.keys(res.headers)).turnState)
      if (res.status < 200 || res.status >= 300)
        throw mapHttpStatus(res.status, res.body, parseRetryAfter(get('retry-after')))
      return keptItems(res.body)
    } catch (e) {
      if (signal.aborted) throw e
      const err = isModelError(e)
        ? e
        : new ModelError(`transport error: ${(e as Error).message}`, 'transport', true)
      if (err.code === 'unauthorized' && !refreshed && p.auth.refresh) {
        refreshed = true
        if (await p.auth.refresh()) continue
      }
      if (!err.retryable || attempt > opts.requestMaxRetries) throw err
      const delay = err.extra.delayMs ?? backoffMs(attempt, opts.random, opts.retryBaseDelayMs)
      if (delay > opts.maxRetryDelayMs) throw err
      await sleep(delay, signal)
    }
  }
}

function keptItems(text: string): ResponseItem[] {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ModelError('The compaction answer was not JSON.', 'response_failed', false)
  }
  const parsed = CompactResponse.safeParse(json)
  if (!parsed.success)
    throw new ModelError('The compaction answer had an unexpected shape.', 'response_failed', false)
  const out: ResponseItem[] = []
  for (const raw of parsed.data.output) {
    const item = parseItem(raw)
    if (item?.type === 'compaction') out.push(item)
    else if (item?.type === 'message' && (item.role === 'user' || item.role === 'assistant')) out.push(item)
  }
  if (!out.some((i) => i.type === 'compaction'))
    throw new ModelError('The compaction answer had no compaction item.', 'response_failed', false)
  return out
}
