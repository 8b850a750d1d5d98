// The engine's surface as every host sees it: ops in, events out, plus typed queries.
import type { Op } from '@shared/ops'
import type { EngineEvent } from '@shared/events'
import type { Conversation, ConversationSummary } from '@shared/history'
import type { ModelInfo, ModelsSource } from '@shared/wire/models'

export type EventListener = (event: EngineEvent) => void

export interface ModelsList {
  source: ModelsSource
  models: ModelInfo[]
  defaultModel: string
}

export interface Engine {
  /** Validate and run an op. Rejects (with a clear message) only when the op itself is invalid. */
  submit(op: unknown): Promise<void>
  /** Receive every event; returns an unsubscribe function. */
  subscribe(listener: EventListener): () => void
  listConversations(): Promise<ConversationSummary[]>
  loadConversation(id: string): Promise<Conversation | null>
  deleteConversation(id: string): Promise<boolean>
  renameConversation(id: string, title: string): Promise<boolean>
  listModels(): Promise<ModelsList>
  /** A conversation's instructions, set from its header ('' = the default); optional for fakes. */
  setInstructions?(id: string, instructions: string): Promise<boolean>
  /** Abort running turns and release sockets and files. */
  close(): Promise<void>
}

export type { Op, EngineEvent }
