// ModelInfo and the `/models` response (protocol.md §8). Unknown fields are ignored.
import { z } from 'zod'
import { ReasoningEffort } from './request'

export const ModelInfo = z.looseObject({
  slug: z.string().min(1),
  display_name: z.string().optional(),
  description: z.string().optional().nullable(),
  default_reasoning_level: ReasoningEffort.optional().nullable(),
  supported_reasoning_levels: z
    .array(z.looseObject({ effort: ReasoningEffort, description: z.string().optional() }))
    .default([]),
  shell_type: z.string().optional(),
  visibility: z.enum(['list', 'hide', 'none']).default('list'),
  supported_in_api: z.boolean().default(true),
  priority: z.number().int().default(0),
  base_instructions: z.string().optional(),
  supports_reasoning_summaries: z.boolean().default(false),
  support_verbosity: z.boolean().default(false),
  default_verbosity: z.enum(['low', 'medium', 'high']).optional().nullable(),
  supports_parallel_tool_calls: z.boolean().default(false),
  context_window: z.number().int().positive().optional().nullable(),
  max_context_window: z.number().int().positive().optional().nullable(),
  auto_compact_token_limit: z.number().int().positive().optional().nullable(),
  effective_context_window_percent: z.number().int().min(0).max(100).default(95),
  experimental_supported_tools: z.array(z.string()),
  input_modalities: z.array(z.enum(['text', 'image'])).default(['text', 'image']),
  prefer_websockets: z.boolean().default(false),
})
export type ModelInfo = z.infer<typeof ModelInfo>

export const ModelsResponse = z.looseObject({ models: z.array(ModelInfo) })

/** Where the model list came from: the server, the on-disk cache, or the built-in catalog. */
export const ModelsSource = z.enum(['remote', 'cache', 'builtin'])
export type ModelsSource = z.infer<typeof ModelsSource>

/** Context-window facts derived from ModelInfo (protocol.md §8 "Derived"). */
export interface ContextLimits {
  contextWindow: number | null
  effectiveContextWindow: number | null
  autoCompactTokenLimit: number | null
}

export function contextLimits(m: ModelInfo): ContextLimits {
  const base = m.context_window ?? m.max_context_window ?? null
  if (base === null) return { contextWindow: null, effectiveContextWindow: null, autoCompactTokenLimit: null }
  const effective = Math.min(
    Number.MAX_SAFE_INTEGER,
    Math.floor((base * m.effective_context_window_percent) / 100),
  )
  const ninety = Math.floor((base * 9) / 10)
  const auto = m.auto_compact_token_limit == null ? ninety : Math.min(m.auto_compact_token_limit, ninety)
  return { contextWindow: base, effectiveContextWindow: effective, autoCompactTokenLimit: auto }
}
