// The compaction step, owned by the session (not the transports): decides when to compact
// (before a turn, on a switch to a smaller model, after `context_length_exceeded`, on request),
// runs remote or local compaction, appends the compaction record and replaces the model input.
// The transcript on disk keeps every item; see shared/history.ts CompactionRecord.
import { randomUUID } from 'node:crypto'
import type { CompactionReason, CompactionMode, EngineEvent } from '@shared/events'
import type { Conversation } from '@shared/history'
import type { UserTurnOp } from '@shared/ops'
import type { TurnAttachment } from '@shared/attachments'
import { stripId, type ResponseItem } from '@shared/wire/items'
import { contextLimits, type ModelInfo } from '@shared/wire/models'
import type { HistoryStore } from '../history/store'
import type { Logger } from '../log'
import { isOpenAiProvider, type Provider } from '../provider'
import type { ModelClient } from '../responses/client'
import { isModelError } from '../responses/errors'
import { localReplacement, summarize, USER_MESSAGE_BUDGET } from './local'
import { LOCAL_WARNING } from './prompt'
import { rebuildModelInput } from './rebuild'
import { compactRemote } from './remote'
import { dropOrphanOutputs, nextUserMessage } from './tool-pairs'
import { compactLimit, estimateItems, estimateText, TokenTracker } from './tokens'

export interface CompactorDeps {
  provider: Provider
  client: ModelClient
  store: HistoryStore
  emit: (e: EngineEvent) => void
  logger: Logger
  instructions: (info: ModelInfo) => string
  modelInfo: (slug: string) => Promise<ModelInfo>
  /** Configured auto-compaction limit; it may only lower the model's. */
  autoCompactTokenLimit?: number
  /** After `context_length_exceeded`, compact and resend the message once without asking. */
  compactAndRetry: boolean
  /** What turn requests do to input before the wire (attachment references → bytes). */
  prepareInput?: (items: ResponseItem[]) => ResponseItem[]
  /** The reverse for what the service echoes back, before it is stored (bytes → references). */
  storeOutput?: (items: ResponseItem[]) => ResponseItem[]
}

/** What the compactor needs of the session's conversation state. */
export interface CompactableConversation {
  id: string
  history: ResponseItem[]
}

export interface TurnModel {
  model: string
  info: ModelInfo
  signal: AbortSignal
}

interface Job extends TurnModel {
  reason: CompactionReason
  /** The model whose limits the meter shows afterwards (the next turn's). */
  meterInfo: ModelInfo
  /** Trailing items left out of the new input: a failed turn whose message is about to be resent. */
  excludeTail: number
}

interface FailedTail {
  text: string
  /** Attachments of the failed message (after a reload, read back from history). */
  attachments?: TurnAttachment[]
  items: number
  /** The whole op (model, webSearch...) when the failure happened in this process. */
  op?: UserTurnOp
}

export class Compactor {
  private readonly tokens = new TokenTracker()
  /** Per conversation: its last turn failed (message and how many trailing items it added). */
  private readonly failed = new Map<string, FailedTail>()
  private readonly overflowed = new Set<string>()
  /** The provider answered 404/405 on `/responses/compact`: summarize locally from now on. */
  private remoteMissing = false

  constructor(private readonly deps: CompactorDeps) {}

  /** The model input of a stored conversation (from its last compaction record onward). */
  loaded(id: string, c: Conversation): ResponseItem[] {
    const r = rebuildModelInput(c)
    this.tokens.reset(id, r.knownTokens, r.items.length)
    if (r.failedTail) this.failed.set(id, r.failedTail)
    return r.items
  }

  forget(id: string): void {
    this.tokens.forget(id)
    this.failed.delete(id)
    this.overflowed.delete(id)
  }

  /** A turn's emit, watched: its usage and a `context_length_exceeded` feed the count. */
  watch(id: string, emit: (e: EngineEvent) => void): (e: EngineEvent) => void {
    this.overflowed.delete(id)
    return (e) => {
      if (e.type === 'token_count') this.tokens.onUsage(id, e.usage.total_tokens)
      else if (e.type === 'error' && e.fatal && e.code === 'context_length_exceeded') {
        this.tokens.markFull(id)
        this.overflowed.add(id)
      }
      emit(e)
    }
  }

  /** Before a user turn: compact when the count (with the new message) reaches the model's limit. */
  async beforeTurn(
    conv: CompactableConversation,
    next: TurnModel,
    previousModel: string | null,
    text: string,
  ) {
    const limit = compactLimit(next.info, this.deps.autoCompactTokenLimit)
    if (limit === null || conv.history.length === 0) return
    const count = this.tokens.count(conv.id, conv.history) + estimateText(text)
    if (count < limit) return
    const switched = previousModel !== null && previousModel !== next.model
    const prev = switched ? await this.deps.modelInfo(previousModel) : null
    const prevLimit = prev ? compactLimit(prev, this.deps.autoCompactTokenLimit) : null
    await this.compact(conv, {
      ...next,
      ...(prev ? { model: previousModel!, info: prev } : {}),
      reason: prevLimit !== null && count < prevLimit ? 'model_switch' : 'auto',
      meterInfo: next.info,
      excludeTail: 0,
    })
  }

  /**
   * After a turn: remember a failure, and when it was `context_length_exceeded` and the setting
   * allows (and this was not already the retry), compact without the failed turn. True: resend.
   */
  async afterTurn(
    conv: CompactableConversation,
    op: UserTurnOp,
    items: number,
    failed: boolean,
    retried: boolean,
    at: TurnModel,
  ) {
    if (!failed) {
      this.failed.delete(conv.id)
      return false
    }
    this.failed.set(conv.id, { text: op.text, items, op })
    if (!this.overflowed.has(conv.id) || !this.deps.compactAndRetry || retried) return false
    // The message alone did not fit: there is nothing earlier to compact.
    if (conv.history.length <= items) return false
    const job = { ...at, reason: 'overflow' as const, meterInfo: at.info, excludeTail: items }
    return this.compact(conv, job)
  }

  /** The `compact` op. Returns the turn to resend when `retry` was asked and the last turn failed. */
  async manual(conv: CompactableConversation, at: TurnModel, retry: boolean): Promise<UserTurnOp | null> {
    const tail = retry ? this.failed.get(conv.id) : undefined
    if (conv.history.length - (tail?.items ?? 0) <= 0) {
      this.deps.emit({
        type: 'error',
        conversationId: conv.id,
        message: 'There is nothing to compact in this conversation yet.',
        code: 'bad_request',
        fatal: false,
      })
      return null
    }
    const reason = tail ? 'overflow' : 'manual'
    const ok = await this.compact(conv, { ...at, reason, meterInfo: at.info, excludeTail: tail?.items ?? 0 })
    if (!ok || !tail) return null
    const attachments = tail.attachments?.length ? { attachments: tail.attachments } : {}
    return tail.op ?? { type: 'user_turn', conversationId: conv.id, text: tail.text, ...attachments }
  }

  private async compact(conv: CompactableConversation, job: Job): Promise<boolean> {
    const { emit, store } = this.deps
    const id = conv.id
    const compactionId = randomUUID()
    const input = conv.history.slice(0, conv.history.length - job.excludeTail)
    const counted = this.tokens.count(id, conv.history)
    const tokensBefore = Number.isFinite(counted) ? counted : estimateItems(conv.history)
    emit({ type: 'compaction_started', conversationId: id, compactionId, reason: job.reason, tokensBefore })
    try {
      const { items, mode, dropped } = await this.replacement(id, input, job)
      const tokensAfter = estimateItems(items)
      store.appendCompaction(id, {
        id: compactionId,
        reason: job.reason,
        mode,
        ...store.compactionScope(id),
        replacement: items,
        tokensBefore,
        tokensAfter,
        itemsDropped: dropped,
      })
      conv.history.splice(0, conv.history.length, ...items)
      this.tokens.reset(id, tokensAfter, items.length)
      this.failed.delete(id)
      const done = { conversationId: id, compactionId, reason: job.reason, mode, tokensBefore, tokensAfter }
      emit({ type: 'context_compacted', ...done, itemsDropped: dropped })
      const usage = {
        input_tokens: tokensAfter,
        cached_input_tokens: 0,
        output_tokens: 0,
        reasoning_output_tokens: 0,
        total_tokens: tokensAfter,
      }
      emit({
        type: 'token_count',
        conversationId: id,
        turnId: compactionId,
        usage,
        ...contextLimits(job.meterInfo),
      })
      if (dropped > 0)
        this.warn(
          id,
          `Left out the ${dropped} oldest item(s) of the conversation so the compaction request fit the model's context window.`,
        )
      if (mode === 'local') this.warn(id, LOCAL_WARNING)
      return true
    } catch (e) {
      const stopped = job.signal.aborted
      const message = stopped
        ? 'Compaction was stopped.'
        : `Could not compact the conversation: ${(e as Error).message}`
      this.deps.logger.log('warn', 'compaction failed', { conversation: id, error: (e as Error).message })
      emit({
        type: 'error',
        conversationId: id,
        message,
        code: isModelError(e) ? e.code : 'internal',
        fatal: false,
      })
      return false
    }
  }

  private warn(conversationId: string, message: string): void {
    this.deps.emit({ type: 'warning', conversationId, message, code: 'compaction' })
  }

  /** Remote when the provider is OpenAI's own (and has the endpoint), else local; trims on overflow. */
  private async replacement(
    id: string,
    input: ResponseItem[],
    job: Job,
  ): Promise<{ items: ResponseItem[]; mode: CompactionMode; dropped: number }> {
    const { client, logger } = this.deps
    const turn = client.newTurnSession(id)
    const instructions = this.deps.instructions(job.info)
    const limit = compactLimit(job.info, null)
    // Stored items refer to attachments by hash; the compaction request carries their bytes.
    const wire = this.deps.prepareInput ?? ((x: ResponseItem[]) => x)
    let items = input
    let dropped = 0
    for (let round = 1; ; round++) {
      const remote = isOpenAiProvider(this.deps.provider) && !this.remoteMissing
      try {
        if (remote) {
          const body = { model: job.model, input: wire(items).map(stripId), instructions }
          const output = await compactRemote(client.opts, turn, body, job.signal)
          return { items: this.deps.storeOutput?.(output) ?? output, mode: 'remote', dropped }
        }
        const request = {
          conversationId: id,
          model: job.model,
          info: job.info,
          instructions,
          input: wire(items),
        }
        const summary = await summarize(turn, request, job.signal, (m) => logger.log('warn', m))
        const budget = Math.min(
          USER_MESSAGE_BUDGET,
          limit === null ? USER_MESSAGE_BUDGET : Math.floor(limit / 4),
        )
        return { items: localReplacement(input, summary, budget), mode: 'local', dropped }
      } catch (e) {
        if (job.signal.aborted || !isModelError(e)) throw e
        const status = e.extra.httpStatus
        if (remote && (status === 404 || status === 405)) {
          logger.log('info', 'no /responses/compact endpoint; compacting locally', { status })
          this.remoteMissing = true
          continue
        }
        if (e.code !== 'context_length_exceeded' || items.length <= 1) throw e
        const kept = dropOrphanOutputs(items.slice(oldestToDrop(items, limit, round)))
        dropped += items.length - kept.length
        items = kept
      }
    }
  }
}

/**
 * How many oldest items to leave out so the request should fit (at least one; tighter each round).
 * The cut moves forward to a user message so a tool call and its output stay together.
 */
export function oldestToDrop(items: readonly ResponseItem[], limit: number | null, round: number): number {
  if (limit === null) return Math.max(1, Math.floor(items.length / 4))
  const target = limit * 0.8 ** round
  let total = estimateItems(items)
  let n = 0
  while (n < items.length - 1 && total > target) total -= estimateItems([items[n++]!])
  const cut = Math.max(1, n)
  const user = nextUserMessage(items, cut)
  return user === -1 ? cut : user
}
