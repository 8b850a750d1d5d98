// GET /models: the Codex backend shape ({"models": ModelInfo[]} + ETag) and the public OpenAI
// shape ({"object":"list","data":[...]}), on purpose different (protocol.md §8).
import type { ServerResponse } from 'node:http'
import { apiError } from './errors'
import { sendJson } from './reply'
import type { EmulatorState } from './state'

export const DEFAULT_MODELS: unknown[] = [
  {
    slug: 'gpt-5.3-codex',
    display_name: 'gpt-5.3-codex',
    description: 'Latest frontier agentic coding model.',
    default_reasoning_level: 'medium',
    supported_reasoning_levels: [
      { effort: 'low', description: 'Fast responses with lighter reasoning' },
      { effort: 'medium', description: 'Balances speed and reasoning depth' },
      { effort: 'high', description: 'Greater reasoning depth for complex problems' },
      { effort: 'xhigh', description: 'Extra high reasoning depth for complex problems' },
    ],
    shell_type: 'shell_command',
    visibility: 'list',
    supported_in_api: true,
    priority: 10,
    base_instructions: 'You are a coding agent running in a desktop assistant.',
    supports_reasoning_summaries: true,
    support_verbosity: false,
    default_verbosity: null,
    apply_patch_tool_type: 'freeform',
    truncation_policy: { mode: 'tokens', limit: 10000 },
    supports_parallel_tool_calls: true,
    context_window: 272000,
    effective_context_window_percent: 95,
    experimental_supported_tools: [],
    input_modalities: ['text', 'image'],
    prefer_websockets: false,
  },
  {
    slug: 'gpt-5.2',
    display_name: 'gpt-5.2',
    description: 'Latest frontier model with improvements across knowledge, reasoning and coding.',
    default_reasoning_level: 'medium',
    supported_reasoning_levels: [
      { effort: 'low', description: 'Balances speed with some reasoning' },
      { effort: 'medium', description: 'Solid balance of reasoning depth and latency' },
      { effort: 'high', description: 'Maximizes reasoning depth for complex problems' },
    ],
    shell_type: 'shell_command',
    visibility: 'list',
    supported_in_api: true,
    priority: 5,
    base_instructions: 'You are a helpful assistant running in a desktop app.',
    supports_reasoning_summaries: true,
    support_verbosity: true,
    default_verbosity: 'low',
    apply_patch_tool_type: 'freeform',
    truncation_policy: { mode: 'bytes', limit: 10000 },
    supports_parallel_tool_calls: true,
    context_window: 400000,
    effective_context_window_percent: 95,
    experimental_supported_tools: [],
    input_modalities: ['text', 'image'],
    prefer_websockets: false,
  },
]

/** `x.y.z` with an optional `-pre` / `+build` suffix. */
function isSemver(v: string): boolean {
  const cut = v.search(/[-+]/)
  const core = cut === -1 ? v : v.slice(0, cut)
  const suffix = cut === -1 ? '' : v.slice(cut + 1)
  return /^\d+\.\d+\.\d+$/.test(core) && (cut === -1 || /^[0-9A-Za-z.+-]+$/.test(suffix))
}

/** GET {codexBase}/models?client_version=x.y.z (auth already checked). */
export function serveCodexModels(
  state: EmulatorState,
  res: ServerResponse,
  query: Record<string, string>,
  ifNoneMatch: string | undefined,
): void {
  const version = query.client_version
  if (version === undefined || version === '') {
    sendJson(
      res,
      400,
      apiError("Missing required parameter: 'client_version'.", 'missing_required_parameter', {
        param: 'client_version',
      }),
    )
    return
  }
  if (!isSemver(version)) {
    sendJson(
      res,
      400,
      apiError(`Invalid 'client_version': '${version}' is not a semantic version.`, 'invalid_value', {
        param: 'client_version',
      }),
    )
    return
  }
  if (ifNoneMatch !== undefined && ifNoneMatch === state.modelsEtag) {
    res.writeHead(304, { etag: state.modelsEtag })
    res.end()
    return
  }
  sendJson(res, 200, { models: state.models }, { etag: state.modelsEtag })
}

/** GET {openaiBase}/models: the public OpenAI list shape. */
export function servePublicModels(state: EmulatorState, res: ServerResponse): void {
  const data = state.models.map((m, i) => {
    const slug = typeof m === 'object' && m !== null ? (m as { slug?: unknown }).slug : undefined
    return {
      id: typeof slug === 'string' ? slug : `model-${i}`,
      object: 'model',
      created: 1_735_689_600 + i,
      owned_by: 'openai',
    }
  })
  sendJson(res, 200, { object: 'list', data })
}
