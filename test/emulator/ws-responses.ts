// The Responses API over WebSocket (protocol.md §1.4, §1.6, §1.7): validates client frames,
// serializes one request per socket, checks previous_response_id, and plays scenarios.
import { WebSocket, type RawData } from 'ws'
import { ResponseCreateFrame, ResponseProcessedFrame } from '../../shared/wire/request'
import type { AuthScheme } from './auth'
import { apiError, errorObjectFrom, validationError, type ApiErrorBody } from './errors'
import { checkContentParts } from './content'
import { playSteps, resolveScenario, type StepSink } from './playback'
import { completed, created, DEFAULT_TEXT, newId, textAnswer } from './scripts'
import type { EmulatorState } from './state'
import type { Step } from './types'
import { callIdsOf, checkToolPairs } from './tool-checks'
import type { Refusal, UpgradeRoute, WsConnection } from './websocket'
import { countItems, countRequest } from './context-window'

export const WS_BETA_VALUES = ['responses_websockets=2026-02-06', 'responses_websockets=2026-02-04']

interface SocketState {
  inFlight: boolean
  lastResponseId: string | undefined
  /** Function calls of the last completed response, to be answered by the next request. */
  calls: Set<string>
  pendingCalls: Set<string>
  /** Tokens of the context behind `lastResponseId` (input + output), for the scripted window. */
  lastTotal: number
}

const TERMINAL = new Set(['response.failed', 'response.incomplete', 'error'])

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  if (Array.isArray(data)) return Buffer.concat(data)
  return Buffer.from(data)
}

function checkBeta(conn: WsConnection): Refusal | undefined {
  const beta = conn.headers['openai-beta'] ?? ''
  const values = beta.split(',').map((v) => v.trim())
  if (WS_BETA_VALUES.some((v) => values.includes(v))) return undefined
  return {
    status: 400,
    body: apiError(
      `Missing or unsupported OpenAI-Beta header for Responses WebSockets (got '${beta}'); expected '${WS_BETA_VALUES[0]}'.`,
      'invalid_beta',
    ),
  }
}

/** A wrapped error frame (§1.7). */
export function wrappedError(status: number, error: unknown, headers?: Record<string, string>): string {
  const frame: Record<string, unknown> = { type: 'error', status, error }
  if (headers && Object.keys(headers).length > 0) frame.headers = headers
  return JSON.stringify(frame)
}

/** Warm-up (`generate:false`) default: created + completed, no output. */
function warmupSteps(): Step[] {
  const responseId = newId('resp')
  return [created({ responseId }), completed({ responseId, usage: { input_tokens: 0, output_tokens: 0 } })]
}

export function responsesRoute(state: EmulatorState, scheme: AuthScheme): UpgradeRoute {
  return {
    scheme,
    validate: checkBeta,
    onConnection(ws, conn) {
      const sock: SocketState = {
        inFlight: false,
        lastResponseId: undefined,
        calls: new Set(),
        pendingCalls: new Set(),
        lastTotal: 0,
      }
      ws.on('message', (data, isBinary) => {
        try {
          onFrame(state, ws, conn, sock, toBuffer(data), isBinary)
        } catch (e) {
          console.error(`emulator: ${(e as Error).message}`)
          ws.terminate()
        }
      })
    },
  }
}

function sendText(ws: WebSocket, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState !== WebSocket.OPEN) return resolve()
    ws.send(text, { binary: false }, () => resolve())
  })
}

function sendError(ws: WebSocket, body: ApiErrorBody): void {
  void sendText(ws, wrappedError(400, body.error))
}

function onFrame(
  state: EmulatorState,
  ws: WebSocket,
  conn: WsConnection,
  sock: SocketState,
  bytes: Buffer,
  isBinary: boolean,
): void {
  const rec = state.record({
    transport: 'ws-frame',
    method: 'WS',
    path: conn.path,
    query: conn.query,
    headers: conn.headers,
    body: undefined,
    rawBytes: bytes.length,
    connectionId: conn.id,
  })
  if (isBinary)
    return sendError(ws, apiError('Binary frames are not supported; send JSON text frames.', 'invalid_frame'))
  let json: unknown
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch (e) {
    return sendError(ws, apiError(`Invalid JSON in WebSocket frame: ${(e as Error).message}`, 'invalid_json'))
  }
  rec.body = json
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined
  if (type === 'response.processed') {
    const parsed = ResponseProcessedFrame.safeParse(json)
    if (!parsed.success) sendError(ws, validationError(parsed.error, json))
    return
  }
  if (type !== 'response.create') {
    const shown = typeof type === 'string' ? `'${type}'` : 'missing'
    return sendError(
      ws,
      apiError(
        `Invalid value for 'type': ${shown}. Supported values are: 'response.create' and 'response.processed'.`,
        'invalid_value',
        { param: 'type' },
      ),
    )
  }
  state.markResponses(rec)
  const parsed = ResponseCreateFrame.safeParse(json)
  if (!parsed.success) return sendError(ws, validationError(parsed.error, json))
  // The raw frame: parsing drops unknown keys, which the service refuses in these parts.
  const contentProblem = checkContentParts(json as { input: unknown[] })
  if (contentProblem) return sendError(ws, contentProblem)
  if (sock.inFlight) {
    return sendError(
      ws,
      apiError(
        'A response is already in progress on this connection; wait for response.completed before sending another response.create.',
        'response_already_in_progress',
      ),
    )
  }
  const prev = parsed.data.previous_response_id
  if (prev !== undefined && prev !== sock.lastResponseId) {
    return sendError(
      ws,
      apiError(`Previous response with id '${prev}' not found.`, 'previous_response_not_found', {
        param: 'previous_response_id',
      }),
    )
  }
  const unpaired = checkToolPairs(parsed.data.input, prev === undefined ? new Set() : sock.calls)
  if (unpaired) return sendError(ws, unpaired)
  const unverified = state.context.checkCompactionItems(parsed.data.input)
  if (unverified) return sendError(ws, unverified)
  const input = parsed.data.input
  const tokens = prev !== undefined ? sock.lastTotal + countItems(input) : countRequest(parsed.data)
  sock.inFlight = true
  sock.pendingCalls = new Set()
  const warmup = parsed.data.generate === false
  void serveScenarioWs(state, ws, sock, warmup, tokens, parsed.data)
}

function track(sock: SocketState, event: unknown): void {
  if (typeof event !== 'object' || event === null) return
  const e = event as { type?: unknown; response?: { id?: unknown } }
  for (const id of callIdsOf(event as Record<string, unknown>)) sock.pendingCalls.add(id)
  if (e.type === 'response.completed') {
    sock.calls = sock.pendingCalls
    if (typeof e.response?.id === 'string') sock.lastResponseId = e.response.id
    sock.inFlight = false
  } else if (typeof e.type === 'string' && TERMINAL.has(e.type)) {
    sock.inFlight = false
  }
}

async function serveScenarioWs(
  state: EmulatorState,
  ws: WebSocket,
  sock: SocketState,
  warmup: boolean,
  tokens: number,
  body: ResponseCreateFrame,
): Promise<void> {
  const ctx = state.context
  const overflow = ctx.exceeds(tokens, body.model)
  const counted = ctx.withUsage(overflow ? undefined : state.takeScenario(body), tokens, body.model)
  sock.lastTotal = counted.total
  const taken = overflow ? { steps: ctx.overflowSteps() } : warmup ? undefined : counted.scenario
  const resolved = resolveScenario(taken, () => (warmup ? warmupSteps() : textAnswer(DEFAULT_TEXT)))
  if (resolved.kind === 'error') {
    sock.inFlight = false
    await sendText(
      ws,
      wrappedError(resolved.status, errorObjectFrom(resolved.status, resolved.body), resolved.headers),
    )
    return
  }
  const sink: StepSink = {
    event(e) {
      track(sock, e)
      return sendText(ws, JSON.stringify(e))
    },
    raw(text) {
      try {
        track(sock, JSON.parse(text))
      } catch {
        // not JSON: sent verbatim all the same
      }
      return sendText(ws, text)
    },
    binary() {
      return new Promise((resolve) => {
        if (ws.readyState !== WebSocket.OPEN) return resolve()
        ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true }, () => resolve())
      })
    },
    drop() {
      ws.terminate()
    },
    closeWs(code, reason) {
      try {
        ws.close(code ?? 1000, reason ?? '')
      } catch {
        ws.terminate()
      }
    },
    isOpen: () => ws.readyState === WebSocket.OPEN,
  }
  try {
    const end = await playSteps(state, resolved.steps, sink)
    if (end !== 'stall') sock.inFlight = false
  } catch (e) {
    console.error((e as Error).message)
    ws.terminate()
  }
}
