// The host core both hosts share: validates every op and query from a page (the page is
// untrusted), runs them against the engine, and fans events out to attached pages. The Electron
// IPC layer and the browser host's socket are thin adapters around this.
import { randomUUID } from 'node:crypto'
import { Op } from '@shared/ops'
import {
  QUERIES,
  QueryRequest,
  describeIssue,
  isQueryName,
  type BridgeEvent,
  type Capabilities,
  type HotkeyStatus,
  type ProxySettings,
  type ProxyTestResult,
  type Reply,
} from '@shared/bridge'
import type { Engine } from '../core/api'
import type { Logger } from '../core/log'
import { EngineHolder } from './engine-holder'
import { EventFanout, type Sink } from './fanout'
import { createEngine, engineKey, type EngineSpec } from './engine-factory'
import { createQueryHandlers } from './queries'
import type { ScreenCapture, SourceCapture } from './attachment-queries'
import { rememberAlwaysAllow } from './mcp-settings'
import type { SecretsService } from './secrets'
import type { SettingsService } from './settings-service'
import { TurnLimiter, type TurnLimits } from './turn-limiter'
import { startAutoBackup } from './auto-backup'
import { startAttachmentSweep } from './attachment-sweep'

export interface HostServices {
  capabilities: Capabilities
  settings: SettingsService
  secrets: SecretsService
  hotkeys(): HotkeyStatus[]
  proxyTest(proxy?: ProxySettings): Promise<ProxyTestResult>
  /** Everything needed to (re)build the engine from the current settings and secrets. */
  engineSpec(): EngineSpec
  /** Called with every accepted op before the engine sees it (the demo scripts its emulator here). */
  beforeOp?: (op: Op) => void
  /** Where `auth.importCodex` looks for the codex CLI's auth.json (default `$CODEX_HOME` or ~/.codex). */
  codexHome?: string
  /** Capture the screen as a PNG (the Electron app only; issue 14). */
  captureScreen?: ScreenCapture
  /** Let the user choose a backup file in the OS dialog; null when cancelled (the Electron app only). */
  pickBackupFile?: () => Promise<string | null>
  /** List the screens and windows, and capture a picked one (the Screenshot button; Electron only). */
  captureSources?: SourceCapture
  /** Tests inject a fake engine; hosts use the real Session. */
  makeEngine?: (spec: EngineSpec) => Engine
  /** Turns run at once and waiting, per host (default `DEFAULT_TURN_LIMITS`). */
  turnLimits?: TurnLimits
}

/** Who is calling: a window's webContents or a socket. Used for logs and to attach the sink. */
export interface CallContext {
  sinkId: string
  sink: Sink
}

export class HostCore {
  readonly fanout: EventFanout
  readonly engines: EngineHolder
  private engineKey: string
  private readonly handlers: ReturnType<typeof createQueryHandlers>
  readonly turns: TurnLimiter
  private readonly stopAutoBackup: () => void
  private readonly stopSweep: () => void

  constructor(
    readonly services: HostServices,
    readonly logger: Logger,
  ) {
    this.fanout = new EventFanout(logger)
    const spec = services.engineSpec()
    this.engineKey = engineKey(spec)
    this.engines = new EngineHolder(
      () => this.make(spec),
      (e) => this.fanout.publishEngine(e),
      logger,
    )
    this.handlers = createQueryHandlers(this)
    this.turns = new TurnLimiter(services.turnLimits)
    this.stopAutoBackup = startAutoBackup(
      () => services.settings.get(),
      () => services.engineSpec().dataDir,
      logger,
    )
    this.stopSweep = startAttachmentSweep(() => services.engineSpec().dataDir, logger)
  }

  private make(spec: EngineSpec): Engine {
    const onAlwaysAllow = (server: string, tool: string): void =>
      rememberAlwaysAllow(this.services.settings, server, tool)
    return (this.services.makeEngine ?? createEngine)({ ...spec, onAlwaysAllow })
  }

  /** Rebuild the engine if settings or secrets that shape it changed (or always, with `force`). */
  refreshEngine(force = false): void {
    const spec = this.services.engineSpec()
    const key = engineKey(spec)
    if (key === this.engineKey && !force) return
    this.engineKey = key
    this.logger.log('info', 'settings changed the engine; new turns use the new one')
    this.engines.replace(() => this.make(spec))
  }

  async op(raw: unknown, from: string): Promise<Reply> {
    const parsed = Op.safeParse(raw)
    if (!parsed.success) {
      const error = `invalid op: ${describeIssue(parsed.error)}`
      this.logger.log('warn', 'rejected an op', { from, reason: error })
      return { ok: false, error }
    }
    let op = parsed.data
    // A new conversation gets its id here, so a queued or refused turn can be reported in it.
    if (op.type === 'user_turn' && !op.conversationId) op = { ...op, conversationId: randomUUID() }
    if (op.type === 'interrupt' && this.turns.cancel(op.conversationId) > 0) {
      const ids = { conversationId: op.conversationId, turnId: randomUUID() }
      this.fanout.publishEngine({ type: 'turn_aborted', ...ids, reason: 'interrupted' })
    }
    // A compaction is a model request like a turn, so it waits for a place too.
    if ((op.type !== 'user_turn' && op.type !== 'compact') || !op.conversationId) {
      void this.dispatch(op)
      return { ok: true }
    }
    const turn = op
    const conversationId = op.conversationId
    const admission = this.turns.admit(conversationId, () => this.dispatch(turn).then(() => undefined))
    if (admission === 'refused') {
      const { maxRunning, maxQueued } = this.turns.limits
      const message = `Not started: ${maxRunning} answers are running and ${maxQueued} are waiting. Try again when some have finished.`
      this.logger.log('warn', 'refused a turn: the host is busy', { from, running: maxRunning })
      this.fanout.publishEngine({ type: 'error', conversationId, message, code: 'host_busy', fatal: true })
      return { ok: false, error: message }
    }
    if (admission === 'queued') {
      const message = `Waiting: ${this.turns.limits.maxRunning} answers are running; this one starts when one of them ends.`
      this.fanout.publishEngine({ type: 'warning', conversationId, message, code: 'other' })
    }
    return { ok: true }
  }

  /** Hand an accepted op to the engine; resolves when it is carried out (a turn's end). */
  private dispatch(op: Op): Promise<Reply> {
    this.services.beforeOp?.(op)
    const { conversationId, done } = this.engines.submit(op)
    return done.then(
      (): Reply => ({ ok: true }),
      (e: unknown): Reply => {
        // The engine reports turn failures as events; this is for the op itself failing.
        this.fanout.publishEngine({
          type: 'error',
          ...(conversationId ? { conversationId } : {}),
          message: `The ${op.type} request failed: ${(e as Error).message}`,
          code: 'internal',
          fatal: true,
        })
        return { ok: false, error: (e as Error).message }
      },
    )
  }

  async query(raw: unknown, ctx: CallContext): Promise<Reply> {
    const envelope = QueryRequest.safeParse(raw)
    if (!envelope.success) return this.refuse(ctx, `malformed query: ${describeIssue(envelope.error)}`)
    const { name } = envelope.data
    if (!isQueryName(name)) return this.refuse(ctx, `unknown query "${name}"`)
    const input = QUERIES[name].input.safeParse(envelope.data.input ?? {})
    if (!input.success) return this.refuse(ctx, `${name}: ${describeIssue(input.error)}`)
    try {
      const handler = this.handlers[name] as (input: unknown, ctx: CallContext) => unknown
      return { ok: true, value: await handler(input.data, ctx) }
    } catch (e) {
      return { ok: false, error: (e as Error).message }
    }
  }

  /** A host event to every attached page. */
  publish(event: BridgeEvent): void {
    this.fanout.publish(event)
  }

  detach(sinkId: string): void {
    this.fanout.detach(sinkId)
  }

  async close(): Promise<void> {
    this.stopAutoBackup()
    this.stopSweep()
    await this.engines.close()
  }

  private refuse(ctx: CallContext, error: string): Reply {
    this.logger.log('warn', 'rejected a query', { from: ctx.sinkId, reason: error })
    return { ok: false, error }
  }
}
