// The test emulator: a real server on 127.0.0.1 speaking the Responses API over HTTP SSE and
// WebSocket, plus /models and a ChatGPT-style token refresh, scriptable and recording.
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { createRequestHandler, RESPONSES_PATHS } from './http'
import { EmulatorState } from './state'
import type { Emulator, EmulatorOptions, HandshakeScript, RecordedRequest, ScriptedScenario } from './types'
import { UpgradeHandler, type UpgradeRoute } from './websocket'
import { responsesRoute } from './ws-responses'
import { REALTIME_PATHS, realtimeRoute } from './realtime-route'
import { RealtimeState } from './realtime-state'
import { COMPACT_PATHS } from './compact'

export type {
  ChatgptAuthOptions,
  Emulator,
  EmulatorOptions,
  HandshakeScript,
  RecordedRequest,
  Scenario,
  ScriptedScenario,
  Step,
} from './types'
export { DEFAULT_MODELS } from './models'
export type { CompactScript } from './context-window'
export { OVERFLOW_MESSAGE } from './context-window'
export type {
  RealtimeAnswer,
  RealtimeConnectionInfo,
  RealtimeEmulator,
  RealtimeFrame,
  RealtimeScript,
} from './realtime-types'
export type { AudioEmulator, AudioScript } from './audio-types'

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const state = new EmulatorState(opts)
  const routes = new Map<string, UpgradeRoute>()
  for (const [path, scheme] of RESPONSES_PATHS) routes.set(path, responsesRoute(state, scheme))
  const realtime = new RealtimeState()
  for (const [path, r] of REALTIME_PATHS)
    routes.set(path, realtimeRoute(state, realtime, r.dialect, r.scheme))
  const upgrades = new UpgradeHandler(state, routes)

  const server = createServer({ keepAliveTimeout: 5000 }, createRequestHandler(state))
  const sockets = new Set<Socket>()
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => undefined)
  })
  server.on('upgrade', (req, socket, head) => upgrades.handle(req, socket, head))
  server.on('clientError', (_err, socket) => {
    if (!socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
  })

  await listen(server, opts.port ?? 0)
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  let closing: Promise<void> | undefined

  return {
    url,
    openaiBase: `${url}/v1`,
    codexBase: `${url}/backend-api/codex`,
    requests: state.requests,
    responsesRequests: (): RecordedRequest[] => state.responsesRequests(),
    script(...scenarios: ScriptedScenario[]): void {
      state.enqueueScenarios(scenarios)
    },
    scriptHandshake(...h: HandshakeScript[]): void {
      state.enqueueHandshakes(h)
    },
    setModels(models: unknown[], etag?: string): void {
      state.models = structuredClone(models)
      if (etag !== undefined) state.modelsEtag = etag
    },
    modelsCalls: (): number => state.modelsCallCount,
    setContextWindow(tokens: number | null, model?: string): void {
      if (model === undefined) state.context.window = tokens
      else if (tokens === null) state.context.perModel.delete(model)
      else state.context.perModel.set(model, tokens)
    },
    scriptCompact(...scripts): void {
      state.context.scriptCompact(scripts)
    },
    compactRequests: (): RecordedRequest[] => state.requests.filter((r) => COMPACT_PATHS.has(r.path)),
    expireAccessToken(token: string): void {
      state.auth.expire(token)
    },
    realtime: realtime.api(),
    audio: state.audioState.api(),
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        state.shutdown()
        upgrades.closeAll()
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
        server.closeAllConnections()
      })
      return closing
    },
  }
}
