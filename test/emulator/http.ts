// HTTP routing: POST /responses (both bases), GET /models (both shapes), POST /oauth/token.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { ResponsesRequest } from '../../shared/wire/request'
import { checkContentParts } from './content'
import type { AuthScheme } from './auth'
import { decodeJson, readBody } from './decode'
import { apiError, validationError } from './errors'
import { AUDIO_PATHS, handleAudio } from './audio'
import { serveCodexModels, servePublicModels } from './models'
import { flatHeaders, sendJson, splitUrl } from './reply'
import { serveScenarioHttp } from './sse'
import { checkToolPairs } from './tool-checks'
import { COMPACT_PATHS, handleCompact } from './compact'
import { countRequest } from './context-window'
import type { EmulatorState } from './state'
import type { RecordedRequest } from './types'

/** Paths of the Responses endpoint (also the WebSocket upgrade paths) and their auth scheme. */
export const RESPONSES_PATHS: ReadonlyMap<string, AuthScheme> = new Map([
  ['/v1/responses', 'api-key'],
  ['/backend-api/codex/responses', 'chatgpt'],
  ['/backend-api/codex/v1/responses', 'chatgpt'],
])

const MODELS_PATHS: ReadonlyMap<string, AuthScheme> = new Map([
  ['/v1/models', 'api-key'],
  ['/backend-api/codex/models', 'chatgpt'],
  ['/backend-api/codex/v1/models', 'chatgpt'],
])

const TOKEN_PATH = '/oauth/token'

export function createRequestHandler(
  state: EmulatorState,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(state, req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        sendJson(
          res,
          500,
          apiError(`emulator error: ${(e as Error).message}`, null, { type: 'server_error' }),
        )
      } else res.destroy()
    })
  }
}

async function handle(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { path, query } = splitUrl(req.url)
  const method = req.method ?? 'GET'
  const rec = state.record({
    transport: 'http',
    method,
    path,
    query,
    headers: flatHeaders(req.headers),
    body: undefined,
    rawBytes: 0,
  })
  const responsesScheme = RESPONSES_PATHS.get(path)
  const modelsScheme = MODELS_PATHS.get(path)
  if (responsesScheme !== undefined) {
    if (method !== 'POST') return methodNotAllowed(res, method, path, 'POST')
    state.markResponses(rec)
    return handleResponses(state, req, res, rec, responsesScheme)
  }
  const compactScheme = COMPACT_PATHS.get(path)
  if (compactScheme !== undefined) return handleCompact(state, req, res, rec, compactScheme)
  if (modelsScheme !== undefined) {
    if (method !== 'GET') return methodNotAllowed(res, method, path, 'GET')
    state.modelsCallCount += 1
    const auth = state.auth.check(modelsScheme, req.headers)
    if (!auth.ok) return sendJson(res, auth.status, auth.body)
    if (modelsScheme === 'api-key') return servePublicModels(state, res)
    return serveCodexModels(state, res, query, rec.headers['if-none-match'])
  }
  if (AUDIO_PATHS.has(path)) return handleAudio(state, req, res, rec, path)
  if (path === TOKEN_PATH) {
    if (method !== 'POST') return methodNotAllowed(res, method, path, 'POST')
    return handleToken(state, req, res, rec)
  }
  sendJson(res, 404, apiError(`Invalid URL (${method} ${path})`, 'unknown_url'))
}

function methodNotAllowed(res: ServerResponse, method: string, path: string, allow: string): void {
  sendJson(res, 405, apiError(`Invalid method for URL (${method} ${path})`, 'method_not_allowed'), { allow })
}

async function handleResponses(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  rec: RecordedRequest,
  scheme: AuthScheme,
): Promise<void> {
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
  const accept = rec.headers['accept'] ?? ''
  if (!accept.toLowerCase().includes('text/event-stream')) {
    return sendJson(
      res,
      400,
      apiError(
        `Streaming requests must send 'Accept: text/event-stream' (got '${accept}').`,
        'invalid_accept_header',
      ),
    )
  }
  const contentType = (rec.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (contentType !== 'application/json') {
    return sendJson(
      res,
      400,
      apiError(
        `Invalid Content-Type header ('${rec.headers['content-type'] ?? ''}'); expected 'application/json'.`,
        'invalid_content_type',
      ),
    )
  }
  if (!decoded.ok) return sendJson(res, decoded.status, decoded.body)
  const parsed = ResponsesRequest.safeParse(decoded.json)
  if (!parsed.success) return sendJson(res, 400, validationError(parsed.error, decoded.json))
  // The raw body: parsing drops unknown keys, which the service refuses in these parts.
  const contentProblem = checkContentParts(decoded.json as { input: unknown[] })
  if (contentProblem) return sendJson(res, 400, contentProblem)
  const unpaired = checkToolPairs(parsed.data.input)
  if (unpaired) return sendJson(res, 400, unpaired)
  const unverified = state.context.checkCompactionItems(parsed.data.input)
  if (unverified) return sendJson(res, 400, unverified)
  const tokens = countRequest(parsed.data)
  const { model } = parsed.data
  if (state.context.exceeds(tokens, model))
    return serveScenarioHttp(state, res, { steps: state.context.overflowSteps() })
  const scenario = state.takeScenario(parsed.data)
  await serveScenarioHttp(state, res, state.context.withUsage(scenario, tokens, model).scenario)
}

async function handleToken(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  rec: RecordedRequest,
): Promise<void> {
  const raw = await readBody(req)
  if (raw === 'too-large') return sendJson(res, 413, { error: 'invalid_request' }, { connection: 'close' })
  rec.rawBytes = raw.length
  const type = (rec.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  let body: unknown
  if (type === 'application/x-www-form-urlencoded') {
    body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')))
  } else if (type === 'application/json') {
    try {
      body = JSON.parse(raw.toString('utf8'))
    } catch {
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'Malformed JSON body.' })
    }
  } else {
    return sendJson(res, 400, { error: 'invalid_request', error_description: 'Unsupported Content-Type.' })
  }
  rec.body = body
  const reply = state.auth.refresh(body)
  sendJson(res, reply.status, reply.body, { 'cache-control': 'no-store' })
}
