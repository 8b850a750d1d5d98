// The Responses request body (protocol.md §1.3) and the WebSocket request frames (§1.4).
import { z } from 'zod'
import { ResponseItem } from './items'
import { RequestTool } from './tools'

export const ReasoningEffort = z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh'])
export type ReasoningEffort = z.infer<typeof ReasoningEffort>
export const ReasoningSummary = z.enum(['auto', 'concise', 'detailed'])

export const ReasoningParam = z.strictObject({
  effort: ReasoningEffort.optional(),
  summary: ReasoningSummary.optional(),
})

export const Verbosity = z.enum(['low', 'medium', 'high'])
export type Verbosity = z.infer<typeof Verbosity>

export const TextParam = z.strictObject({
  verbosity: Verbosity.optional(),
  format: z
    .strictObject({
      type: z.literal('json_schema'),
      strict: z.literal(true),
      schema: z.unknown(),
      name: z.literal('codex_output_schema'),
    })
    .optional(),
})

/** Body of `POST /responses`; strict so the emulator rejects what the real service would. */
export const ResponsesRequest = z.strictObject({
  model: z.string().min(1),
  instructions: z.string().optional(),
  input: z.array(ResponseItem),
  tools: z.array(RequestTool),
  tool_choice: z.literal('auto'),
  parallel_tool_calls: z.boolean(),
  // Serialized as null when absent, never omitted.
  reasoning: ReasoningParam.nullable(),
  store: z.boolean(),
  stream: z.literal(true),
  include: z.array(z.string()),
  prompt_cache_key: z.string().optional(),
  text: TextParam.optional(),
  service_tier: z.string().optional(),
})
export type ResponsesRequest = z.infer<typeof ResponsesRequest>

/** `response.create` frame: the request body flattened next to `type` (§1.4). */
export const ResponseCreateFrame = ResponsesRequest.extend({
  type: z.literal('response.create'),
  previous_response_id: z.string().optional(),
  generate: z.boolean().optional(),
  client_metadata: z.record(z.string(), z.string()).optional(),
})
export type ResponseCreateFrame = z.infer<typeof ResponseCreateFrame>

export const ResponseProcessedFrame = z.strictObject({
  type: z.literal('response.processed'),
  response_id: z.string(),
})

export const ClientFrame = z.discriminatedUnion('type', [ResponseCreateFrame, ResponseProcessedFrame])
export type ClientFrame = z.infer<typeof ClientFrame>
