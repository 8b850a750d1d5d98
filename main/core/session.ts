// The engine's session: ops in, events out. Same object for the CLI, Electron and tests.
import { randomUUID } from 'node:crypto'
import { Op, type CompactOp, type UserTurnOp } from '@shared/ops'
import type { EngineEvent } from '@shared/events'
import type { Conversation, ConversationSummary } from '@shared/history'
import type { Engine, EventListener, ModelsList } from './api'
import { ModelClient } from './responses/client'
import { ModelsManager } from './models'
import { HistoryStore } from './history/store'
import { Turn } from './turn'
import { DEFAULT_ORIGINATOR, isOpenAiProvider, userAgent, type Provider } from './provider'
import { silentLogger, type Logger } from './log'
import { RealtimeConversationManager } from './realtime/manager'
import { AttachmentStore } from './attachments/store'
import { idsInFile, removeUnreferenced } from './attachments/cleanup'
import { rememberedFrom, resolveTurnOptions, attachmentCodec } from './turn-options'
import { DEFAULT_INSTRUCTIONS, type ConversationState, type SessionOptions } from './session-options'
import { ToolRuntime } from './tools/runtime'
import { SpeechManager } from './speech/manager'
import { ConversationCache } from './limits/conversation-cache'
import { guardTurnSession } from './limits/guarded-stream'
import { Compactor } from './compaction/compactor'
import { BranchOps } from './history/branch-ops'

export { DEFAULT_INSTRUCTIONS, type SessionOptions } from './session-options'

export class Session implements Engine {
  /** An array, not a Set: emit runs per token and must not allocate an iterator. */
  private listeners: EventListener[] = []
  private readonly conversations: ConversationCache<ConversationState>
  private readonly store: HistoryStore
  private readonly attachments: AttachmentStore
  private readonly models: ModelsManager
  private readonly client: ModelClient
  private readonly logger: Logger
  private readonly realtime: RealtimeConversationManager
  private readonly tools: ToolRuntime
  private readonly speech: SpeechManager
  private readonly compaction: Compactor
  private readonly branches: BranchOps
  private closed = false

  constructor(private readonly opts: SessionOptions) {
    this.logger = opts.logger ?? silentLogger
    this.store = new HistoryStore(opts.dataDir)
    this.attachments = new AttachmentStore(opts.dataDir)
    this.conversations = new ConversationCache<ConversationState>({
      ...opts.limits,
      release: (id) => {
        this.client.closeConversation(id)
        this.store.closeOne(id)
      },
      // Only leaving memory drops compaction state; an idle socket release keeps it (retry, markFull).
      evicted: (id) => this.compaction.forget(id),
    })
    const originator = opts.originator ?? DEFAULT_ORIGINATOR
    const defaultHeaders = { originator, 'User-Agent': userAgent(originator) }
    this.models = new ModelsManager({
      provider: opts.provider,
      dataDir: opts.dataDir,
      logger: this.logger,
      defaultHeaders,
    })
    this.client = new ModelClient({
      provider: opts.provider,
      logger: this.logger,
      defaultHeaders,
      idleTimeoutMs: opts.idleTimeoutMs ?? 300_000,
      requestMaxRetries: opts.requestMaxRetries ?? 4,
      streamMaxRetries: opts.streamMaxRetries ?? 5,
      maxRetryDelayMs: opts.maxRetryDelayMs ?? 60_000,
      transport: opts.transport ?? 'auto',
      compression: opts.compression ?? false,
      ...(opts.random ? { random: opts.random } : {}),
      ...(opts.retryBaseDelayMs !== undefined ? { retryBaseDelayMs: opts.retryBaseDelayMs } : {}),
    })
    this.tools = opts.tools ?? new ToolRuntime({ servers: [], logger: this.logger })
    this.tools.attach(this.emit)
    this.realtime = new RealtimeConversationManager({
      provider: opts.provider,
      settings: opts.realtime,
      defaultHeaders,
      store: this.store,
      emit: this.emit,
      logger: this.logger,
      // Voice transcripts join a loaded conversation's history, so a later typed turn sees them.
      onHistoryItem: (id, item) => this.conversations.get(id)?.history.push(item),
      chatModel: async () => this.opts.model ?? (await this.models.list()).defaultModel,
    })
    this.speech = new SpeechManager({
      provider: opts.provider,
      defaultHeaders,
      emit: this.emit,
      logger: this.logger,
    })
    this.compaction = new Compactor({
      provider: opts.provider,
      client: this.client,
      store: this.store,
      emit: this.emit,
      logger: this.logger,
      instructions: (info) => this.opts.instructions ?? info.base_instructions ?? DEFAULT_INSTRUCTIONS,
      modelInfo: async (slug) => (await this.models.info(slug)).info,
      compactAndRetry: opts.compactAndRetry ?? true,
      ...attachmentCodec(this.attachments, opts.provider.id !== 'custom'),
      ...(opts.autoCompactTokenLimit ? { autoCompactTokenLimit: opts.autoCompactTokenLimit } : {}),
    })
    this.branches = new BranchOps({
      ...{
        store: this.store,
        emit: this.emit,
        conversations: this.conversations,
        compaction: this.compaction,
      },
      runTurn: (op, parent) => this.userTurn(op, false, parent),
    })
  }

  subscribe(listener: EventListener): () => void {
    this.listeners = [...this.listeners, listener]
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener)
    }
  }

  private emit = (event: EngineEvent): void => {
    const listeners = this.listeners
    for (let i = 0; i < listeners.length; i++) {
      const l = listeners[i]!
      try {
        l(event)
      } catch (e) {
        this.logger.log('error', 'event listener threw', { error: (e as Error).message })
      }
    }
  }

  /** Resolves when the op has been carried out (for `user_turn`, when the turn ends). */
  async submit(raw: unknown): Promise<void> {
    const parsed = Op.safeParse(raw)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new Error(
        `invalid op: ${issue ? `${issue.path.join('.') || 'op'}: ${issue.message}` : 'rejected'}`,
      )
    }
    if (this.closed) throw new Error('the engine is closed')
    const op = parsed.data
    switch (op.type) {
      case 'user_turn':
        return this.userTurn(op)
      case 'interrupt':
        return this.interrupt(op.conversationId)
      case 'tool_approval':
        this.tools.approve(op)
        return
      case 'dictation_start':
      case 'dictation_audio':
      case 'dictation_stop':
      case 'dictation_cancel':
      case 'speech_start':
      case 'speech_stop':
        return this.speech.submit(op)
      case 'compact':
        return this.compactOp(op)
      case 'edit_turn':
      case 'regenerate':
      case 'switch_branch':
        return this.branches.submit(op)
      default:
        return this.realtime.submit(op)
    }
  }

  /** `parent`: an edited or regenerated turn starts under this turn (null: as a first message). */
  private async userTurn(op: UserTurnOp, retried = false, parent?: string | null): Promise<void> {
    const id = op.conversationId ?? randomUUID()
    const conv = this.conversation(id)
    if (conv.running) {
      this.emit({
        type: 'error',
        conversationId: id,
        message: 'A turn is already running in this conversation; stop it first.',
        code: 'bad_request',
        fatal: false,
      })
      return
    }
    const abort = new AbortController()
    let release!: () => void
    conv.running = { abort, done: new Promise<void>((r) => (release = r)) }
    this.conversations.busy(id)
    let resend = false
    try {
      const model = op.model ?? conv.model ?? this.opts.model ?? (await this.models.list()).defaultModel
      const { info } = await this.models.info(model)
      const takesFiles = this.opts.provider.id !== 'custom'
      const resolved = await resolveTurnOptions(op, info, conv.remembered, this.attachments, takesFiles)
      if (!resolved.ok) {
        this.emit({
          type: 'error',
          conversationId: id,
          message: resolved.reason,
          code: 'bad_request',
          fatal: true,
        })
        return
      }
      if (!this.store.exists(id)) this.store.create(id, this.opts.provider.id, model)
      if (parent !== undefined) this.branches.startFrom(id, parent)
      if (op.instructions !== undefined && op.instructions !== (conv.remembered.instructions ?? '')) {
        this.store.setInstructions(id, op.instructions)
        conv.remembered.instructions = op.instructions || undefined
      }
      if (!conv.configured) {
        conv.configured = true
        this.emit({
          type: 'session_configured',
          conversationId: id,
          model,
          provider: this.opts.provider.id,
          modelsSource: this.models.currentSource,
          historyItems: conv.history.length,
        })
      }
      const at = { model, info, signal: abort.signal }
      await this.compaction.beforeTurn(conv, at, conv.model, op.text)
      conv.model = model
      const turnId = randomUUID()
      this.store.beginTurn(id, turnId)
      const turn = new Turn({
        conversationId: id,
        turnId,
        model,
        modelInfo: info,
        warnOnReroute: isOpenAiProvider(this.opts.provider),
        instructions:
          conv.remembered.instructions ??
          this.opts.instructions ??
          info.base_instructions ??
          DEFAULT_INSTRUCTIONS,
        history: conv.history,
        text: op.text,
        session: guardTurnSession(this.client.newTurnSession(id), id, this.logger),
        store: this.store,
        emit: this.compaction.watch(id, this.emit),
        logger: this.logger,
        onModelsEtag: (etag) => void this.models.onEtag(etag),
        options: resolved.options,
        tools: this.tools.forTurn({ conversationId: id, turnId }, webSearchAllowed(op, this.opts.provider)),
      })
      conv.remembered.effort = resolved.options.effort ?? conv.remembered.effort
      conv.remembered.verbosity = resolved.options.verbosity ?? conv.remembered.verbosity
      const failed = (await turn.run(abort.signal)) === 'failed'
      conv.history.push(...turn.items)
      resend = await this.compaction.afterTurn(conv, op, turn.items.length, failed, retried, at)
    } catch (e) {
      this.emit({
        type: 'error',
        conversationId: id,
        message: `Could not run the turn: ${(e as Error).message}`,
        code: 'internal',
        fatal: true,
      })
    } finally {
      conv.running = null
      this.conversations.idle(id)
      release()
    }
    if (resend) await this.userTurn({ ...op, conversationId: id }, true)
  }

  /** Manual compaction (op `compact`); with `retry`, resends the failed last message afterwards. */
  private async compactOp(op: CompactOp): Promise<void> {
    const conv = this.conversation(op.conversationId)
    if (conv.running) {
      const message = 'A turn is running in this conversation; compact it when the turn ends.'
      this.emit({ type: 'error', conversationId: conv.id, message, code: 'bad_request', fatal: false })
      return
    }
    const abort = new AbortController()
    let release!: () => void
    conv.running = { abort, done: new Promise<void>((r) => (release = r)) }
    this.conversations.busy(conv.id)
    let resend: UserTurnOp | null
    try {
      const model = conv.model ?? this.opts.model ?? (await this.models.list()).defaultModel
      const { info } = await this.models.info(model)
      resend = await this.compaction.manual(conv, { model, info, signal: abort.signal }, op.retry === true)
    } finally {
      conv.running = null
      this.conversations.idle(conv.id)
      release()
    }
    if (resend !== null) await this.userTurn({ ...resend, conversationId: conv.id }, true)
  }

  private async interrupt(id: string): Promise<void> {
    const running = this.conversations.get(id)?.running
    if (!running) return
    running.abort.abort()
    await running.done
  }

  private conversation(id: string): ConversationState {
    let conv = this.conversations.get(id)
    if (conv) return conv
    conv = { id, model: null, history: [], configured: false, remembered: {}, running: null }
    const loaded = this.store.load(id)
    if (loaded) {
      conv.history = this.compaction.loaded(id, loaded.conversation)
      conv.model = loaded.conversation.summary.model || null
      conv.remembered = rememberedFrom(loaded.conversation)
      if (loaded.skipped.length > 0) {
        this.emit({
          type: 'warning',
          conversationId: id,
          message: `Skipped ${loaded.skipped.length} unreadable line(s) in this conversation's history (line ${loaded.skipped.map((s) => s.line).join(', ')}); everything else loaded.`,
          code: 'history_recovered',
        })
      }
    }
    this.conversations.set(id, conv)
    return conv
  }

  async listConversations(): Promise<ConversationSummary[]> {
    return this.store.list()
  }

  async loadConversation(id: string): Promise<Conversation | null> {
    return this.store.load(id)?.conversation ?? null
  }

  async deleteConversation(id: string): Promise<boolean> {
    await this.interrupt(id)
    this.conversations.delete(id)
    this.compaction.forget(id)
    this.client.closeConversation(id)
    const refs = idsInFile(this.store.path(id))
    const deleted = this.store.delete(id)
    if (deleted) removeUnreferenced(this.attachments, this.store.dirPath, refs)
    return deleted
  }

  /** Set a conversation's instructions without a turn ('' = the default). False if it does not exist. */
  async setInstructions(id: string, instructions: string): Promise<boolean> {
    if (!this.store.exists(id)) return false
    this.store.setInstructions(id, instructions)
    const conv = this.conversations.get(id)
    if (conv) conv.remembered.instructions = instructions || undefined
    return true
  }

  async renameConversation(id: string, title: string): Promise<boolean> {
    return this.store.rename(id, title)
  }

  listModels(): Promise<ModelsList> {
    return this.models.list()
  }

  async close(): Promise<void> {
    this.closed = true
    this.conversations.clear()
    this.realtime.close()
    this.speech.close()
    await Promise.all([...this.conversations.keys()].map((id) => this.interrupt(id)))
    this.client.close()
    await this.tools.close()
    this.store.close()
  }
}

/** The hosted web search tool: asked for by the turn, and only on OpenAI's own providers. */
function webSearchAllowed(op: UserTurnOp, provider: Provider): boolean {
  return op.webSearch === true && isOpenAiProvider(provider)
}
