// The one place a `/responses` request body is built from a model's metadata, for a turn's rounds
// and the local compaction summary alike, so effort, verbosity and caching cannot drift apart.
import { stripId, type ResponseItem } from '@shared/wire/items'
import type { ModelInfo } from '@shared/wire/models'
import type { ReasoningEffort, ResponsesRequest, Verbosity } from '@shared/wire/request'
import type { RequestTool } from '@shared/wire/tools'

export interface RequestParts {
  conversationId: string
  model: string
  info: ModelInfo
  instructions: string
  input: readonly ResponseItem[]
  tools: RequestTool[]
  /** The turn's choice; the model's default otherwise. */
  effort?: ReasoningEffort | undefined
  verbosity?: Verbosity | undefined
}

export function requestBody(p: RequestParts): ResponsesRequest {
  const m = p.info
  const reasoning = m.supports_reasoning_summaries
    ? { effort: p.effort ?? m.default_reasoning_level ?? 'medium', summary: 'auto' as const }
    : null
  const body: ResponsesRequest = {
    model: p.model,
    instructions: p.instructions,
    input: p.input.map(stripId),
    tools: p.tools,
    tool_choice: 'auto',
    parallel_tool_calls: m.supports_parallel_tool_calls,
    reasoning,
    store: false,
    stream: true,
    include: reasoning ? ['reasoning.encrypted_content'] : [],
    prompt_cache_key: p.conversationId,
  }
  const verbosity = p.verbosity ?? m.default_verbosity
  if (m.support_verbosity && verbosity) body.text = { verbosity }
  return body
}
