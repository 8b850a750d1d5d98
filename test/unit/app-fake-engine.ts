// Test helpers shared by the host tests: a scriptable Engine and HostServices around it.
import { randomUUID } from 'node:crypto'
import { Op } from '@shared/ops'
import type { EngineEvent } from '@shared/events'
import type { Engine, EventListener, ModelsList } from '../../main/core/api'
import { silentLogger } from '../../main/core/log'
import type { HostServices } from '../../main/host/core'
import { EnvSecrets } from '../../main/host/secrets'
import { SettingsService, type SettingsBackend } from '../../main/host/settings-service'
import type { Settings } from '@shared/bridge'

export class FakeEngine implements Engine {
  readonly ops: Op[] = []
  closed = false
  private readonly listeners = new Set<EventListener>()
  private readonly pending = new Map<string, () => void>()
  constructor(readonly name = 'engine') {}

  subscribe(l: EventListener) {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }
  emit(e: EngineEvent) {
    for (const l of this.listeners) l(e)
  }
  /** Resolves when finish(conversationId) is called, like a turn ending. */
  submit(raw: unknown): Promise<void> {
    const op = Op.parse(raw)
    this.ops.push(op)
    if (op.type !== 'user_turn') return Promise.resolve()
    return new Promise((resolve) => this.pending.set(op.conversationId ?? randomUUID(), resolve))
  }
  finish(conversationId: string) {
    this.pending.get(conversationId)?.()
    this.pending.delete(conversationId)
  }
  listConversations = async () => []
  loadConversation = async () => null
  deleteConversation = async () => true
  renameConversation = async () => true
  listModels = async (): Promise<ModelsList> => ({ source: 'builtin', models: [], defaultModel: 'm' })
  async close() {
    this.closed = true
  }
}

export class MemoryBackend implements SettingsBackend {
  readonly location = '(memory)'
  writes = 0
  constructor(public data: unknown = undefined) {}
  read() {
    return this.data
  }
  write(s: Settings) {
    this.writes++
    this.data = structuredClone(s)
  }
}

export function fakeServices(engines: FakeEngine[] = []): HostServices & { made: FakeEngine[] } {
  const settings = new SettingsService(new MemoryBackend(), silentLogger)
  const made: FakeEngine[] = []
  return {
    made,
    capabilities: {
      host: 'browser',
      platform: 'linux',
      version: 't',
      demo: false,
      tray: false,
      hotkeys: false,
      notifications: false,
      unavailableReason: 'n/a',
    },
    settings,
    secrets: new EnvSecrets('sk-test'),
    hotkeys: () => [],
    proxyTest: async () => ({ ok: true, target: 't', via: 'direct', status: 200, ms: 1, message: 'ok' }),
    engineSpec: () => ({
      settings: settings.get(),
      apiKey: 'sk-test',
      dataDir: '/nonexistent',
      logger: silentLogger,
      missingKeyHint: '',
    }),
    makeEngine: () => {
      const e = engines[made.length] ?? new FakeEngine(`engine${made.length}`)
      made.push(e)
      return e
    },
  }
}
