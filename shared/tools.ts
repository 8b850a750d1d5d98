// Tool events and ops (issue 15): MCP function calls with approval, hosted web search, citations.
import { z } from 'zod'

const turn = { conversationId: z.string(), turnId: z.string() }

export const ToolDecision = z.enum(['allow_once', 'always', 'deny'])
export type ToolDecision = z.infer<typeof ToolDecision>

export const ToolCallStatus = z.enum(['ok', 'error', 'denied', 'timeout', 'interrupted'])
export type ToolCallStatus = z.infer<typeof ToolCallStatus>

/** Who runs a call: an MCP server and its tool, under the namespaced name the model used. */
const callIdentity = {
  callId: z.string(),
  /** The namespaced function name sent to the model (`server__tool`). */
  name: z.string(),
  server: z.string(),
  tool: z.string(),
  /** The arguments exactly as the model sent them (a JSON text). */
  arguments: z.string(),
}

export const ToolApprovalRequestEvent = z.object({
  type: z.literal('tool_approval_request'),
  ...turn,
  ...callIdentity,
})
export const ToolCallStartedEvent = z.object({
  type: z.literal('tool_call_started'),
  ...turn,
  ...callIdentity,
})
export const ToolCallFinishedEvent = z.object({
  type: z.literal('tool_call_finished'),
  ...turn,
  ...callIdentity,
  status: ToolCallStatus,
  /** What went back to the model as the call's output. */
  output: z.string(),
  durationMs: z.number(),
})
/** Hosted web search progress (`web_search_call` items and `response.web_search_call.*`). */
export const WebSearchEvent = z.object({
  type: z.literal('web_search'),
  ...turn,
  itemId: z.string(),
  status: z.enum(['in_progress', 'searching', 'completed', 'failed']),
  query: z.string().optional(),
})
export const Citation = z.object({
  url: z.string(),
  title: z.string(),
  start: z.number().int(),
  end: z.number().int(),
})
export type Citation = z.infer<typeof Citation>
/** The `url_citation` annotations of the assistant message that just completed. */
export const MessageCitationsEvent = z.object({
  type: z.literal('message_citations'),
  ...turn,
  citations: z.array(Citation),
})

export const ToolApprovalOp = z.strictObject({
  type: z.literal('tool_approval'),
  /** Routes the answer to the engine running that conversation's turn. */
  conversationId: z.string().uuid(),
  callId: z.string().min(1).max(200),
  decision: ToolDecision,
})
export type ToolApprovalOp = z.infer<typeof ToolApprovalOp>

/** Tool-row metadata stored next to a `function_call_output` history item. */
export const ToolRecordMeta = z.object({
  server: z.string(),
  tool: z.string(),
  status: ToolCallStatus,
  durationMs: z.number(),
})
export type ToolRecordMeta = z.infer<typeof ToolRecordMeta>
