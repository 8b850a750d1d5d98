// The `tools` array of a Responses request (protocol.md §1.3): function tools and the hosted
// web search tool. Strict, so the emulator rejects a shape the real service would reject.
import { z } from 'zod'

/** The service's limit on function names. */
export const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/

/** A JSON schema for a function's arguments: the service requires an object schema. */
export const FunctionParameters = z
  .record(z.string(), z.unknown())
  .refine((s) => s.type === 'object', 'function parameters must be a JSON schema with type "object"')

export const FunctionTool = z.strictObject({
  type: z.literal('function'),
  name: z.string().regex(FUNCTION_NAME, 'function names are 1-64 letters, digits, _ or -'),
  description: z.string().max(8192).optional(),
  strict: z.boolean(),
  parameters: FunctionParameters,
})
export type FunctionTool = z.infer<typeof FunctionTool>

export const WebSearchTool = z.strictObject({
  type: z.literal('web_search'),
  search_context_size: z.enum(['low', 'medium', 'high']).optional(),
})

export const RequestTool = z.discriminatedUnion('type', [FunctionTool, WebSearchTool])
export type RequestTool = z.infer<typeof RequestTool>

/** A `url_citation` annotation of an `output_text` part. */
export const UrlCitation = z.looseObject({
  type: z.literal('url_citation'),
  url: z.string().max(8192),
  title: z.string().max(2000).optional().nullable(),
  start_index: z.number().int(),
  end_index: z.number().int(),
})
export type UrlCitation = z.infer<typeof UrlCitation>
