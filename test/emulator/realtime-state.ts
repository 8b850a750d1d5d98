// Recordings and the test-facing API of the realtime endpoint.
import { EventEmitter } from 'node:events'
import { WebSocket } from 'ws'
import type {
  RealtimeConnectionInfo,
  RealtimeEmulator,
  RealtimeFrame,
  RealtimeScript,
} from './realtime-types'

export interface ConnectionRecord {
  info: RealtimeConnectionInfo
  ws: WebSocket
  frames: RealtimeFrame[]
  sent: Record<string, unknown>[]
  audio: Buffer[]
}

export class RealtimeState {
  readonly connections = new Map<number, ConnectionRecord>()
  readonly frames: RealtimeFrame[] = []
  private readonly scripts: RealtimeScript[] = []
  private readonly changes = new EventEmitter()

  constructor() {
    this.changes.setMaxListeners(0)
  }

  takeScript(): RealtimeScript {
    return this.scripts.shift() ?? {}
  }

  add(rec: ConnectionRecord): void {
    this.connections.set(rec.info.id, rec)
    this.changed()
  }

  /** Wakes every waitFor. */
  changed(): void {
    this.changes.emit('change')
  }

  private conn(id: number): ConnectionRecord {
    const c = this.connections.get(id)
    if (!c) throw new Error(`emulator: no realtime connection ${id}`)
    return c
  }

  api(): RealtimeEmulator {
    return {
      script: (...s) => void this.scripts.push(...s),
      connections: () => [...this.connections.values()].map((c) => ({ ...c.info })),
      frames: (id) => (id === undefined ? [...this.frames] : [...this.conn(id).frames]),
      sent: (id) => [...this.conn(id).sent],
      audio: (id) => Buffer.concat(this.conn(id).audio),
      truncates: (id) =>
        (id === undefined ? this.frames : this.conn(id).frames).filter(
          (f) => f.type === 'conversation.item.truncate',
        ),
      send: (id, event) => {
        const c = this.conn(id)
        if (c.ws.readyState !== WebSocket.OPEN) return
        c.sent.push(event)
        c.ws.send(JSON.stringify(event))
        this.changed()
      },
      sendRaw: (id, data) => {
        const c = this.conn(id)
        if (c.ws.readyState === WebSocket.OPEN) c.ws.send(data, { binary: typeof data !== 'string' })
      },
      drop: (id) => this.conn(id).ws.terminate(),
      close: (id, code = 1000) => this.conn(id).ws.close(code),
      waitFor: (check, timeoutMs = 5000) => this.waitFor(check, timeoutMs),
    }
  }

  waitFor<T>(check: () => T | undefined | null | false, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const test = (): boolean => {
        let v: T | undefined | null | false
        try {
          v = check()
        } catch (e) {
          finish()
          reject(e as Error)
          return true
        }
        if (!v) return false
        finish()
        resolve(v)
        return true
      }
      const onChange = () => void test()
      const timer = setTimeout(() => {
        finish()
        reject(new Error(`emulator: realtime waitFor timed out after ${timeoutMs} ms`))
      }, timeoutMs)
      const finish = () => {
        clearTimeout(timer)
        this.changes.off('change', onChange)
      }
      if (!test()) this.changes.on('change', onChange)
    })
  }
}
