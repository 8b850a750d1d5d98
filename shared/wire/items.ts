// ResponseItem: the conversation items of the Responses API (protocol.md §1.3, §4).
// Declared once; the engine, the emulator, history and the renderer all import these.
// Plain `z.object`s: parsing keeps only the fields declared here and drops the rest, so what
// we store and resend is what we understand, with a depth fixed by these schemas (a server's
// unknown field nested 5,000 levels deep would otherwise overflow JSON.stringify; issue 11).
import { z } from 'zod'
import { UrlCitation } from './tools'

export const Phase = z.enum(['commentary', 'final_answer'])
export type Phase = z.infer<typeof Phase>

/**
 * Annotations of an `output_text` part: only `url_citation`s (web search citations, issue 15) are
 * kept, reduced to their known fields like everything else here; other kinds are dropped.
 */
const Annotations = z
  .array(z.unknown())
  .max(2000)
  .transform((list) => {
    const kept = list.flatMap((a) => {
      const c = UrlCitation.safeParse(a)
      if (!c.success) return []
      const { url, title, start_index, end_index } = c.data
      return [{ type: 'url_citation' as const, url, title: title ?? '', start_index, end_index }]
    })
    // None kept: the part is stored and resent as if it had none.
    return kept.length > 0 ? kept : undefined
  })

export const ContentPart = z.discriminatedUnion('type', [
  z.object({ type: z.literal('input_text'), text: z.string() }),
  z.object({ type: z.literal('output_text'), text: z.string(), annotations: Annotations.optional() }),
  z.object({
    type: z.literal('input_image'),
    image_url: z.string(),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  }),
  z.object({ type: z.literal('refusal'), refusal: z.string() }),
  // A file sent inline: `file_data` is a base64 data URL, `filename` names it (issue 14).
  z.object({
    type: z.literal('input_file'),
    filename: z.string().optional(),
    file_data: z.string().optional(),
    file_id: z.string().optional(),
  }),
])
export type ContentPart = z.infer<typeof ContentPart>

export const MessageItem = z.object({
  type: z.literal('message'),
  id: z.string().optional(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.array(ContentPart),
  // Omitted when absent; must be preserved and resent on assistant messages (protocol.md §4).
  phase: Phase.optional(),
})
export type MessageItem = z.infer<typeof MessageItem>

export const ReasoningItem = z.object({
  type: z.literal('reasoning'),
  id: z.string().optional(),
  summary: z.array(z.object({ type: z.literal('summary_text'), text: z.string() })),
  content: z
    .array(z.object({ type: z.string(), text: z.string() }))
    .optional()
    .nullable(),
  encrypted_content: z.string().optional().nullable(),
})
export type ReasoningItem = z.infer<typeof ReasoningItem>

export const FunctionCallItem = z.object({
  type: z.literal('function_call'),
  id: z.string().optional(),
  name: z.string(),
  arguments: z.string(),
  call_id: z.string(),
})

export const FunctionCallOutputItem = z.object({
  type: z.literal('function_call_output'),
  call_id: z.string(),
  output: z.union([z.string(), z.array(ContentPart)]),
})

export const CustomToolCallItem = z.object({
  type: z.literal('custom_tool_call'),
  id: z.string().optional(),
  call_id: z.string(),
  name: z.string(),
  input: z.string(),
})

/**
 * The opaque summary `POST /responses/compact` returns (protocol.md §1.1); resent verbatim as an
 * input item, and the service rejects an `encrypted_content` it did not issue.
 */
export const CompactionItem = z.object({
  type: z.literal('compaction'),
  id: z.string().optional(),
  encrypted_content: z.string().min(1),
  created_by: z.string().optional(),
})
export type CompactionItem = z.infer<typeof CompactionItem>

/**
 * A hosted web search the model ran. Kept and resent like the other output items so the model
 * sees its own searches on later turns; only the known fields survive parsing.
 */
export const WebSearchCallItem = z.object({
  type: z.literal('web_search_call'),
  id: z.string().max(200).optional(),
  status: z.string().max(50).optional(),
  action: z.object({
    /** `search`, `open_page`, `find_in_page` (others kept by name). */
    type: z.string().max(50),
    query: z.string().max(10_000).optional(),
    queries: z.array(z.string().max(10_000)).max(100).optional(),
    url: z.string().max(10_000).optional(),
    pattern: z.string().max(10_000).optional(),
    sources: z
      .array(z.object({ type: z.string().max(50), url: z.string().max(10_000).optional() }))
      .max(1000)
      .optional(),
  }),
})

export const ResponseItem = z.discriminatedUnion('type', [
  MessageItem,
  ReasoningItem,
  FunctionCallItem,
  FunctionCallOutputItem,
  CustomToolCallItem,
  CompactionItem,
  WebSearchCallItem,
])
export type ResponseItem = z.infer<typeof ResponseItem>

/**
 * An item larger than this (in UTF-16 units of its strings) is not kept: it could never be
 * resent usefully, and it bounds what one hostile answer can make us store.
 */
export const MAX_ITEM_CHARS = 32 * 1024 * 1024

/** Total length of an item's strings (its size once serialized, give or take the keys). */
export function itemChars(item: ResponseItem): number {
  let n = 0
  const walk = (v: unknown): void => {
    if (typeof v === 'string') n += v.length
    else if (Array.isArray(v)) for (const x of v) walk(x)
    else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) walk(x)
  }
  walk(item)
  return n
}

/** Text of a message item, concatenating its text parts. */
export function messageText(item: MessageItem): string {
  let out = ''
  for (const part of item.content) {
    if (part.type === 'input_text' || part.type === 'output_text') out += part.text
  }
  return out
}

export function userMessage(text: string): MessageItem {
  return { type: 'message', role: 'user', content: [{ type: 'input_text', text }] }
}

export function assistantMessage(text: string, phase?: Phase): MessageItem {
  const item: MessageItem = { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] }
  if (phase) item.phase = phase
  return item
}

/** Input items are sent without their `id` (protocol.md §1.3, non-Azure). */
export function stripId(item: ResponseItem): ResponseItem {
  if (!('id' in item) || item.id === undefined) return item
  const copy = { ...item }
  delete (copy as { id?: string }).id
  return copy
}
