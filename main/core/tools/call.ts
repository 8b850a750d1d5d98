// Runs one function call of the model: find the tool, ask for approval, call it, and turn every
// outcome (denial, bad arguments, timeout, crash, error) into words for the model.
import type { EngineEvent } from '@shared/events'
import type { ToolCallStatus, ToolRecordMeta } from '@shared/tools'
import type { McpManager } from './mcp/manager'
import type { ApprovalGate } from './approval'
import { AbortedError } from '../responses/client'

export interface FunctionCall {
  call_id: string
  name: string
  arguments: string
}

export interface CallDeps {
  mcp: McpManager
  gate: ApprovalGate
  emit: (e: EngineEvent) => void
  ids: { conversationId: string; turnId: string }
}

export interface CallOutcome {
  output: string
  meta: ToolRecordMeta
}

export async function runCall(call: FunctionCall, deps: CallDeps, signal: AbortSignal): Promise<CallOutcome> {
  const route = deps.mcp.route(call.name)
  const server = route?.server ?? ''
  const tool = route?.tool ?? call.name
  const who = { ...deps.ids, callId: call.call_id, name: call.name, server, tool, arguments: call.arguments }
  const started = performance.now()
  const finish = (status: ToolCallStatus, output: string): CallOutcome => {
    const durationMs = Math.round(performance.now() - started)
    deps.emit({ type: 'tool_call_finished', ...who, status, output, durationMs })
    return { output, meta: { server, tool, status, durationMs } }
  }
  if (!route) return finish('error', `There is no tool named "${call.name}" available. Do not call it again.`)
  let args: Record<string, unknown>
  try {
    const parsed: unknown = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object')
    args = parsed as Record<string, unknown>
  } catch (e) {
    return finish(
      'error',
      `The arguments were not a JSON object (${(e as Error).message}); the tool was not run.`,
    )
  }
  const decision = await deps.gate.decide(
    { conversationId: deps.ids.conversationId, callId: call.call_id, server, tool },
    () => deps.emit({ type: 'tool_approval_request', ...who }),
    signal,
  )
  if (decision === 'deny')
    return finish(
      'denied',
      `The user denied this call of "${tool}" on "${server}". Do not retry it; continue without it.`,
    )
  deps.emit({ type: 'tool_call_started', ...who })
  let res
  try {
    res = await deps.mcp.call(server, tool, args, signal)
  } catch (e) {
    if (signal.aborted) {
      finish('interrupted', 'The user interrupted this tool call.')
      throw new AbortedError()
    }
    return finish('error', `The tool failed: ${(e as Error).message}`)
  }
  switch (res.kind) {
    case 'ok':
      return finish(
        res.isError ? 'error' : 'ok',
        res.isError ? `The tool reported an error: ${res.text}` : res.text,
      )
    case 'timeout':
      return finish('timeout', `The tool "${tool}" did not answer in time and was cancelled.`)
    case 'crashed':
      return finish(
        'error',
        `The MCP server "${server}" crashed during this call${res.restarted ? ' and was restarted' : ''}; the call did not complete.`,
      )
    case 'failed':
      return finish('error', `The tool could not be run: ${res.message}`)
  }
}
