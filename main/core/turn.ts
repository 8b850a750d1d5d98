// One turn: a user submission and every model request until it is answered. Maps wire events
// to engine events, records completed items to history, and keeps retries from duplicating
// text the user already saw.
import type { EngineEvent, TokenUsage } from '@shared/events'
import { assistantMessage, messageText, userMessage, type Phase, type ResponseItem } from '@shared/wire/items'
import { parseItem, type WireEvent, type Usage } from '@shared/wire/events'
import { contextLimits, type ModelInfo } from '@shared/wire/models'
import type { ResponsesRequest } from '@shared/wire/request'
import type { RequestTool } from '@shared/wire/tools'
import type { ToolRecordMeta } from '@shared/tools'
import { extractFirstBold } from '@shared/reasoning'
import { AbortedError, type ModelTurnSession, type TurnStreamHandler } from './responses/client'
import { isModelError, type ModelError } from './responses/errors'
import { modelFromHeaderMap, type ResponseMeta } from './responses/headers'
import { TurnTelemetryCollector } from './telemetry'
import { boundModelName, rerouteWarning } from './reroute'
import { unstreamedItems } from './responses/completed-output'
import { fromCodexEvent } from './rate-limits'
import { ShownText, pushDelta, type Emission, type LiveMessage } from './shown-text'
import type { HistoryStore } from './history/store'
import type { Logger } from './log'
import type { TurnOptions } from './turn-options'
import type { Completed } from './responses/stream'
import { runToolLoop } from './tools/loop'
import { requestBody } from './request-body'
import type { TurnTools } from './tools/runtime'

export interface TurnContext {
  conversationId: string
  turnId: string
  model: string
  modelInfo: ModelInfo
  /** Reroute warnings apply to OpenAI's own providers only. */
  warnOnReroute: boolean
  instructions: string
  history: ResponseItem[]
  text: string
  session: ModelTurnSession
  store: HistoryStore
  emit: (e: EngineEvent) => void
  logger: Logger
  onModelsEtag?: (etag: string) => void
  /** Attachments, effort and verbosity (issue 14); absent = text only, the model's defaults. */
  options?: TurnOptions
  /** Function tools and hosted tools for this turn; the turn loops while the model calls them. */
  tools?: TurnTools
}

export type TurnOutcome = 'completed' | 'interrupted' | 'failed'

interface OpenMessage {
  live: LiveMessage
  phase: Phase | undefined
}

export class Turn implements TurnStreamHandler {
  readonly telemetry = new TurnTelemetryCollector()
  private serverModel: string | null = null
  private lastSeenModel: string | null = null
  private warned = false
  private reasoningBuffer = ''
  private reasoningHeader: string | null = null
  private shown = new ShownText()
  /** Items completed per position in earlier attempts, to skip re-recording them. */
  private recorded: ResponseItem[] = []
  private attemptItems: ResponseItem[] = []
  private open: OpenMessage | null = null
  private lastAgentMessage: string | null = null
  readonly ids: { conversationId: string; turnId: string }
  /** The `tools` of every request (set by the tool loop). */
  toolSpecs: RequestTool[] = []
  /** Every item this turn recorded, in order (the conversation's history grows by these). */
  readonly items: ResponseItem[] = []

  constructor(private readonly ctx: TurnContext) {
    this.ids = { conversationId: ctx.conversationId, turnId: ctx.turnId }
  }

  async run(signal: AbortSignal): Promise<TurnOutcome> {
    const { ctx } = this
    const user = ctx.options?.userItem ?? userMessage(ctx.text)
    this.record(user)
    ctx.emit({ type: 'turn_started', ...this.ids, model: ctx.model })
    const input = [...ctx.history, user]
    let usage: TokenUsage | null = null
    let responseId: string | null = null
    try {
      const done = await runToolLoop(this, ctx.tools, input, signal)
      responseId = done.responseId
      usage = done.usage ? mapUsage(done.usage) : null
      if (usage) {
        const limits = contextLimits(ctx.modelInfo)
        ctx.emit({ type: 'token_count', ...this.ids, usage, ...limits })
      }
      this.finish('completed', responseId, usage)
      ctx.emit({ type: 'turn_complete', ...this.ids, responseId, lastAgentMessage: this.lastAgentMessage })
      return 'completed'
    } catch (e) {
      this.savePartial()
      if (e instanceof AbortedError) {
        this.finish('interrupted', responseId, usage)
        ctx.emit({ type: 'turn_aborted', ...this.ids, reason: 'interrupted' })
        return 'interrupted'
      }
      const err: ModelError | null = isModelError(e) ? e : null
      const message = err ? err.message : `internal error: ${(e as Error).message}`
      ctx.logger.log('error', 'turn failed', { conversation: ctx.conversationId, error: message })
      this.finish('failed', responseId, usage, message)
      const httpStatus = err?.extra.httpStatus
      ctx.emit({
        type: 'error',
        ...this.ids,
        message,
        code: err?.code ?? 'internal',
        fatal: true,
        ...(httpStatus ? { httpStatus } : {}),
      })
      ctx.emit({ type: 'turn_aborted', ...this.ids, reason: 'error' })
      return 'failed'
    }
  }

  private request(input: ResponseItem[]): ResponsesRequest {
    const { conversationId, model, modelInfo: info, instructions, options } = this.ctx
    return requestBody({
      conversationId,
      model,
      info,
      instructions,
      input: options?.prepareInput(input) ?? input,
      tools: this.toolSpecs,
      effort: options?.effort,
      verbosity: options?.verbosity,
    })
  }

  private finish(
    status: TurnOutcome,
    responseId: string | null,
    usage: TokenUsage | null,
    error?: string,
  ): void {
    const telemetry = this.telemetry.summary()
    this.ctx.emit({ type: 'telemetry', ...this.ids, telemetry })
    this.ctx.store.appendTurn(this.ctx.conversationId, {
      turnId: this.ctx.turnId,
      status,
      model: this.ctx.model,
      serverModel: this.serverModel,
      responseId,
      usage,
      telemetry,
      ...(error ? { error } : {}),
      ...(this.ctx.options?.effort ? { effort: this.ctx.options.effort } : {}),
      ...(this.ctx.options?.verbosity ? { verbosity: this.ctx.options.verbosity } : {}),
    })
  }

  /** Whatever the user saw of an unfinished message is kept, marked partial. */
  private savePartial(): void {
    const open = this.open
    this.open = null
    if (!open) return
    const text = this.shown.textAt(open.live.index)
    if (text) this.record(assistantMessage(text, open.phase), true)
  }

  private record(item: ResponseItem, partial = false, tool?: ToolRecordMeta): void {
    this.ctx.store.appendItem(this.ctx.conversationId, this.ctx.turnId, item, partial, tool)
    this.items.push(item)
  }

  // --- driven by the tool loop (tools/loop.ts) ---

  /** One model request. Each round is a fresh stream: its messages are new, not retries. */
  streamRound(input: ResponseItem[], signal: AbortSignal, handler: TurnStreamHandler): Promise<Completed> {
    this.shown = new ShownText()
    this.recorded = []
    return this.ctx.session.stream(this.request(input), handler, signal, this.telemetry)
  }

  recordToolOutput(item: ResponseItem, meta: ToolRecordMeta): void {
    this.record(item, false, meta)
  }

  emitEvent(e: EngineEvent): void {
    this.ctx.emit(e)
  }

  // --- TurnStreamHandler ---

  onAttemptStart(attempt: number): void {
    if (attempt > 1) {
      this.recorded = this.attemptItems.length > this.recorded.length ? this.attemptItems : this.recorded
    }
    this.attemptItems = []
    this.shown.newAttempt()
    this.open = null
    this.reasoningBuffer = ''
  }

  onRetry(attempt: number, max: number, delayMs: number, error: ModelError): void {
    this.telemetry.retries++
    this.ctx.emit({
      type: 'stream_retry',
      ...this.ids,
      attempt,
      max,
      delayMs,
      message: `Reconnecting... ${attempt}/${max} (${error.message})`,
    })
  }

  onFallback(message: string): void {
    this.telemetry.fallbacks++
    this.ctx.emit({ type: 'warning', ...this.ids, message, code: 'transport_fallback' })
  }

  onMeta(meta: ResponseMeta): void {
    if (meta.serverModel) this.onServerModel(meta.serverModel)
    for (const snapshot of meta.rateLimits) {
      this.ctx.emit({
        type: 'rate_limits',
        conversationId: this.ctx.conversationId,
        snapshot,
        ...(meta.promoMessage ? { promoMessage: meta.promoMessage } : {}),
      })
    }
    if (meta.modelsEtag) this.ctx.onModelsEtag?.(meta.modelsEtag)
  }

  onUnknown(wireType: string): void {
    this.ctx.logger.log('debug', 'ignored unknown stream event', { type: wireType })
  }

  onMalformed(reason: string, text: string): void {
    this.ctx.logger.log('warn', 'malformed stream event skipped', { reason, excerpt: text.slice(0, 120) })
    this.ctx.emit({
      type: 'error',
      ...this.ids,
      message: `Skipped a malformed event from the server (${reason}).`,
      code: 'malformed_event',
      fatal: false,
    })
  }

  onEvent(ev: WireEvent): void {
    switch (ev.type) {
      case 'response.output_text.delta':
        return this.onTextDelta(ev.delta)
      case 'response.reasoning_summary_text.delta':
        return this.onReasoningDelta(ev.delta)
      case 'response.reasoning_summary_part.added':
        this.reasoningBuffer = ''
        return
      case 'response.output_item.added':
        return this.onItemAdded(ev.item)
      case 'response.output_item.done':
        return this.onItemDone(ev.item)
      case 'response.completed':
        // What the stream did not deliver (malformed events) comes from the completed output.
        for (const item of unstreamedItems(ev.response, this.attemptItems)) this.onItemDone(item)
        return this.checkHeaderMap((ev.response as { headers?: Record<string, unknown> } | null)?.headers)
      case 'response.created':
      case 'response.in_progress':
      case 'response.failed':
      case 'response.incomplete':
        return this.checkHeaderMap(
          (ev.response as { headers?: Record<string, unknown> } | undefined)?.headers,
        )
      case 'response.metadata':
        return this.checkHeaderMap(ev.headers)
      case 'codex.rate_limits':
        return this.ctx.emit({
          type: 'rate_limits',
          conversationId: this.ctx.conversationId,
          snapshot: fromCodexEvent(ev),
        })
      case 'responsesapi.websocket_timing':
        this.telemetry.serverTiming = ev.timing_metrics
        return
      default:
        return
    }
  }

  private checkHeaderMap(map: Record<string, unknown> | undefined): void {
    const model = modelFromHeaderMap(map)
    if (model) this.onServerModel(model)
  }

  private onServerModel(sent: string): void {
    const model = boundModelName(sent)
    if (model === this.lastSeenModel) return
    this.lastSeenModel = model
    this.serverModel = model
    this.ctx.emit({ type: 'server_model', ...this.ids, model })
    if (this.warned || !this.ctx.warnOnReroute) return
    if (model.toLowerCase() === this.ctx.model.toLowerCase()) return
    this.warned = true
    const message = rerouteWarning(this.ctx.model, model)
    this.ctx.emit({
      type: 'model_reroute',
      ...this.ids,
      fromModel: this.ctx.model,
      toModel: model,
      reason: 'high_risk_cyber_activity',
    })
    this.ctx.emit({ type: 'warning', ...this.ids, message, code: 'model_reroute' })
    this.record(userMessage(`Warning: ${message}`))
  }

  private onItemAdded(raw: unknown): void {
    const item = parseItem(raw)
    if (item?.type === 'message' && item.role === 'assistant') {
      this.open = { live: this.shown.open(), phase: item.phase }
      this.ctx.emit({
        type: 'agent_message_started',
        ...this.ids,
        ...(item.phase ? { phase: item.phase } : {}),
      })
    } else if (item?.type === 'reasoning') {
      this.reasoningBuffer = ''
    }
  }

  private onTextDelta(delta: string): void {
    const open = (this.open ??= { live: this.shown.open(), phase: undefined })
    if (!open.live.replaying) {
      // Hot path: one push and one event per token.
      pushDelta(open.live, delta)
      const { conversationId, turnId } = this.ids
      this.ctx.emit({ type: 'agent_message_delta', conversationId, turnId, delta })
      return
    }
    this.emitText(this.shown.delta(open.live, delta))
  }

  private emitText(e: Emission): void {
    if (e?.kind === 'delta') this.ctx.emit({ type: 'agent_message_delta', ...this.ids, delta: e.delta })
    else if (e?.kind === 'reset') this.ctx.emit({ type: 'agent_message_reset', ...this.ids, text: e.text })
  }

  private onReasoningDelta(delta: string): void {
    this.reasoningBuffer += delta
    const header = extractFirstBold(this.reasoningBuffer)
    if (header !== null && header !== this.reasoningHeader) {
      this.reasoningHeader = header
      this.ctx.emit({ type: 'reasoning_header', ...this.ids, header })
    }
  }

  private onItemDone(raw: unknown): void {
    const item = parseItem(raw)
    if (!item) {
      this.ctx.logger.log('warn', 'ignored an output item of an unknown shape')
      return
    }
    const earlier = this.recorded[this.attemptItems.length]
    this.attemptItems.push(item)
    const duplicate = earlier !== undefined && JSON.stringify(earlier) === JSON.stringify(item)
    if (item.type === 'message' && item.role === 'assistant') {
      const text = messageText(item)
      const live = this.open?.live ?? this.shown.open()
      this.open = null
      this.emitText(this.shown.finish(live, text))
      if (!duplicate) {
        this.lastAgentMessage = text
        this.ctx.emit({
          type: 'agent_message',
          ...this.ids,
          text,
          ...(item.phase ? { phase: item.phase } : {}),
        })
      }
    } else if (item.type === 'reasoning') {
      this.reasoningBuffer = ''
      if (!duplicate) {
        const text = item.summary.map((s) => s.text).join('\n\n')
        if (text) this.ctx.emit({ type: 'reasoning_summary', ...this.ids, text })
      }
      if (this.reasoningHeader !== null) {
        this.reasoningHeader = null
        this.ctx.emit({ type: 'reasoning_header', ...this.ids, header: null })
      }
    }
    if (!duplicate) this.record(item)
  }
}

export function mapUsage(u: Usage): TokenUsage {
  return {
    input_tokens: u.input_tokens,
    cached_input_tokens: u.input_tokens_details?.cached_tokens ?? 0,
    output_tokens: u.output_tokens,
    reasoning_output_tokens: u.output_tokens_details?.reasoning_tokens ?? 0,
    total_tokens: u.total_tokens,
  }
}
