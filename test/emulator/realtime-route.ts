// The realtime endpoint (protocol.md §10.2, §10.4) for both dialects: upgrade paths, handshake
// checks, and one RealtimeSession per connection.
import type { RawData } from 'ws'
import type { AuthScheme } from './auth'
import { apiError } from './errors'
import { RealtimeSession } from './realtime-session'
import type { ConnectionRecord, RealtimeState } from './realtime-state'
import type { RealtimeDialect } from './realtime-types'
import type { EmulatorState } from './state'
import type { UpgradeRoute } from './websocket'

/** Upgrade paths of the realtime endpoint, their dialect and auth. */
export const REALTIME_PATHS: ReadonlyMap<string, { dialect: RealtimeDialect; scheme: AuthScheme }> = new Map([
  ['/ws', { dialect: 'gen0', scheme: 'api-key' }],
  ['/backend-api/codex/ws', { dialect: 'gen0', scheme: 'chatgpt' }],
  ['/v1/realtime', { dialect: 'v2', scheme: 'api-key' }],
  ['/backend-api/codex/realtime', { dialect: 'v2', scheme: 'chatgpt' }],
])

export function realtimeRoute(
  state: EmulatorState,
  rt: RealtimeState,
  dialect: RealtimeDialect,
  scheme: AuthScheme,
): UpgradeRoute {
  return {
    scheme,
    validate: (conn) =>
      // A transcription session (`intent=transcription`) names its model in session.update instead.
      dialect === 'v2' && !conn.query.model && conn.query.intent !== 'transcription'
        ? {
            status: 400,
            body: apiError("Missing required parameter: 'model'.", 'missing_required_parameter', {
              param: 'model',
            }),
          }
        : undefined,
    onConnection(ws, conn) {
      const script = rt.takeScript()
      const rec: ConnectionRecord = {
        info: { ...conn, dialect, sessionId: script.sessionId ?? `sess_${conn.id}`, closed: false },
        ws,
        frames: [],
        sent: [],
        audio: [],
      }
      rt.add(rec)
      const session = new RealtimeSession(state, rt, rec, script)
      ws.on('message', (data, isBinary) => session.onFrame(toBuffer(data), isBinary))
      ws.on('close', () => {
        rec.info.closed = true
        session.closed()
        rt.changed()
      })
    },
  }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  if (Array.isArray(data)) return Buffer.concat(data)
  return Buffer.from(data)
}
