// Built-in model catalog: used when the provider has no codex-style `/models` endpoint (the
// public OpenAI API lists models in another shape, without context windows).
import { ModelInfo } from '@shared/wire/models'

const raw = [
  {
    slug: 'gpt-5.2',
    display_name: 'GPT-5.2',
    description: 'General-purpose reasoning model.',
    context_window: 400_000,
    priority: 100,
    default_reasoning_level: 'medium',
    supported_reasoning_levels: [
      { effort: 'low' },
      { effort: 'medium' },
      { effort: 'high' },
      { effort: 'xhigh' },
    ],
    supports_reasoning_summaries: true,
    support_verbosity: true,
    default_verbosity: 'medium',
    supports_parallel_tool_calls: true,
  },
  {
    slug: 'gpt-5.3-codex',
    display_name: 'GPT-5.3 Codex',
    description: 'Coding-tuned reasoning model.',
    context_window: 272_000,
    priority: 90,
    default_reasoning_level: 'medium',
    supported_reasoning_levels: [
      { effort: 'low' },
      { effort: 'medium' },
      { effort: 'high' },
      { effort: 'xhigh' },
    ],
    supports_reasoning_summaries: true,
    supports_parallel_tool_calls: true,
  },
  {
    slug: 'gpt-5-mini',
    display_name: 'GPT-5 mini',
    description: 'Fast, inexpensive reasoning model.',
    context_window: 400_000,
    priority: 50,
    default_reasoning_level: 'low',
    supported_reasoning_levels: [
      { effort: 'minimal' },
      { effort: 'low' },
      { effort: 'medium' },
      { effort: 'high' },
    ],
    supports_reasoning_summaries: true,
    supports_parallel_tool_calls: true,
  },
  {
    slug: 'gpt-4.1',
    display_name: 'GPT-4.1',
    description: 'Non-reasoning model with a long context.',
    context_window: 1_047_576,
    priority: 20,
    supports_parallel_tool_calls: true,
  },
  {
    slug: 'gpt-4o',
    display_name: 'GPT-4o',
    description: 'Non-reasoning multimodal model.',
    context_window: 128_000,
    priority: 10,
    supports_parallel_tool_calls: true,
  },
]

export const BUILTIN_MODELS: ModelInfo[] = raw.map((m) =>
  ModelInfo.parse({ experimental_supported_tools: [], ...m }),
)

/** Lookup with a longest-prefix fallback (e.g. `gpt-5.2-2026-01-01` → `gpt-5.2`). */
export function findModel(models: ModelInfo[], slug: string): { info: ModelInfo; fallback: boolean } | null {
  const exact = models.find((m) => m.slug.toLowerCase() === slug.toLowerCase())
  if (exact) return { info: exact, fallback: false }
  let best: ModelInfo | null = null
  for (const m of [...models, ...BUILTIN_MODELS]) {
    if (slug.toLowerCase().startsWith(m.slug.toLowerCase()) && (!best || m.slug.length > best.slug.length))
      best = m
  }
  return best ? { info: best, fallback: true } : null
}
