// Shared mutable state of one emulator instance: recordings, script queues, models, timers.
import { AuthState } from './auth'
import { AudioState } from './audio'
import { DEFAULT_MODELS } from './models'
import { ContextWindow } from './context-window'
import type { EmulatorOptions, HandshakeScript, RecordedRequest, Scenario, ScriptedScenario } from './types'

interface Sleeper {
  timer: NodeJS.Timeout
  resolve: () => void
}

export class EmulatorState {
  readonly requests: RecordedRequest[] = []
  readonly auth: AuthState
  readonly audioState = new AudioState()
  /** The scripted context window, issued compaction items and `/responses/compact` scripts. */
  readonly context: ContextWindow
  models: unknown[]
  modelsEtag: string
  modelsCallCount = 0
  closed = false
  private readonly responsesRecords = new Set<RecordedRequest>()
  private readonly scenarios: ScriptedScenario[] = []
  private readonly handshakes: HandshakeScript[] = []
  private readonly sleepers = new Set<Sleeper>()
  private connections = 0

  constructor(opts: EmulatorOptions) {
    this.auth = new AuthState(
      opts.apiKey ?? 'sk-test-emulator',
      opts.chatgpt ?? { accessToken: 'chatgpt-access-1', accountId: 'acct-1', refreshToken: 'refresh-1' },
    )
    this.models = structuredClone(opts.models ?? DEFAULT_MODELS)
    this.modelsEtag = opts.modelsEtag ?? '"models-etag-1"'
    this.context = new ContextWindow(opts.contextWindow ?? null)
  }

  record(r: RecordedRequest): RecordedRequest {
    this.requests.push(r)
    return r
  }

  /** Marks a recording as a Responses request (POST /responses or WS response.create). */
  markResponses(r: RecordedRequest): void {
    this.responsesRecords.add(r)
  }

  responsesRequests(): RecordedRequest[] {
    return this.requests.filter((r) => this.responsesRecords.has(r))
  }

  enqueueScenarios(s: ScriptedScenario[]): void {
    this.scenarios.push(...s)
  }

  /** The next scripted scenario, or undefined when the queue is empty (caller applies its default). */
  takeScenario(body?: unknown): Scenario | undefined {
    const next = this.scenarios.shift()
    return typeof next === 'function' ? next(body) : next
  }

  enqueueHandshakes(h: HandshakeScript[]): void {
    this.handshakes.push(...h)
  }

  takeHandshake(): HandshakeScript {
    return this.handshakes.shift() ?? {}
  }

  nextConnectionId(): number {
    this.connections += 1
    return this.connections
  }

  /** Resolves after `ms`, or at once when the emulator closes. */
  sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve()
    return new Promise((resolve) => {
      const sleeper: Sleeper = {
        timer: setTimeout(
          () => {
            this.sleepers.delete(sleeper)
            resolve()
          },
          Math.max(0, ms),
        ),
        resolve,
      }
      this.sleepers.add(sleeper)
    })
  }

  shutdown(): void {
    this.closed = true
    for (const s of this.sleepers) {
      clearTimeout(s.timer)
      s.resolve()
    }
    this.sleepers.clear()
  }
}
