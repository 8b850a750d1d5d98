// POST {base}/responses/compact (research-2026-11 §1.2): unary JSON, the same auth as
// /responses, a strict body ({model, input, instructions}; unknown fields rejected), the scripted
// context window, and the default answer: every user message of the input followed by one
// compaction item whose `encrypted_content` later requests must carry back unchanged.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { CompactRequest } from '../../shared/wire/compact'
import type { AuthScheme } from './auth'
import { countItems, countRequest } from './context-window'
import { decodeJson, readBody } from './decode'
import { apiError, defaultErrorForStatus, validationError } from './errors'
import { sendJson } from './reply'
import { newId } from './scripts'
import type { EmulatorState } from './state'
import type { RecordedRequest } from './types'

export const COMPACT_PATHS: ReadonlyMap<string, AuthScheme> = new Map([
  ['/v1/responses/compact', 'api-key'],
  ['/backend-api/codex/responses/compact', 'chatgpt'],
  ['/backend-api/codex/v1/responses/compact', 'chatgpt'],
])

export async function handleCompact(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  rec: RecordedRequest,
  scheme: AuthScheme,
): Promise<void> {
  if (req.method !== 'POST') {
    const message = `Invalid method for URL (${req.method ?? 'GET'} ${rec.path})`
    return sendJson(res, 405, apiError(message, 'method_not_allowed'), { allow: 'POST' })
  }
  const raw = await readBody(req)
  if (raw === 'too-large') {
    sendJson(res, 413, apiError('Request body too large.', 'request_too_large'), { connection: 'close' })
    return
  }
  rec.rawBytes = raw.length
  const decoded = await decodeJson(raw, rec.headers['content-encoding'])
  if (decoded.ok) rec.body = decoded.json
  const auth = state.auth.check(scheme, req.headers)
  if (!auth.ok) return sendJson(res, auth.status, auth.body)
  const contentType = (rec.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (contentType !== 'application/json') {
    const message = `Invalid Content-Type header ('${rec.headers['content-type'] ?? ''}'); expected 'application/json'.`
    return sendJson(res, 400, apiError(message, 'invalid_content_type'))
  }
  if (!decoded.ok) return sendJson(res, decoded.status, decoded.body)
  const parsed = CompactRequest.safeParse(decoded.json)
  if (!parsed.success) return sendJson(res, 400, validationError(parsed.error, decoded.json))
  const ctx = state.context
  const unverified = ctx.checkCompactionItems(parsed.data.input)
  if (unverified) return sendJson(res, 400, unverified)
  const script = ctx.takeCompactScript()
  if (script?.status !== undefined && script.status !== 200) {
    const body = script.body === undefined ? { error: defaultErrorForStatus(script.status) } : script.body
    return sendJson(res, script.status, body)
  }
  const inputTokens = countRequest(parsed.data)
  if (ctx.exceeds(inputTokens, parsed.data.model)) return sendJson(res, 400, ctx.overflowBody())
  const users = (decoded.json as { input: Record<string, unknown>[] }).input.filter(
    (i) => i.type === 'message' && i.role === 'user',
  )
  const output = [...users.map((u) => ({ ...u, id: newId('msg'), status: 'completed' })), ctx.issue()]
  const outputTokens = countItems(output)
  sendJson(res, 200, {
    id: newId('resp'),
    object: 'response.compaction',
    created_at: Math.floor(Date.now() / 1000),
    output,
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
    },
  })
}
