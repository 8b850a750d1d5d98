// Tool calls as transcript rows: built live from tool events and from stored history
// (`function_call` + `function_call_output` with its tool record). Pure, unit-tested.
import type { EngineEventOf } from '@shared/events'
import type { ToolCallStatus, ToolRecordMeta } from '@shared/tools'

export interface ToolRow {
  kind: 'tool'
  id: string
  callId: string
  name: string
  server: string
  tool: string
  arguments: string
  /** `pending`: waiting for the user's approval; `running`: the tool is working. */
  status: 'pending' | 'running' | ToolCallStatus
  output?: string
  durationMs?: number
}

type ToolEvent =
  | EngineEventOf<'tool_approval_request'>
  | EngineEventOf<'tool_call_started'>
  | EngineEventOf<'tool_call_finished'>

/** Apply a tool event to a turn's rows: the call's row is created once and then updated. */
export function applyToolEvent<R extends { kind: string }>(
  rows: readonly R[],
  e: ToolEvent,
): (R | ToolRow)[] {
  const i = rows.findIndex((r) => r.kind === 'tool' && (r as unknown as ToolRow).callId === e.callId)
  const base: ToolRow =
    i >= 0
      ? (rows[i] as unknown as ToolRow)
      : {
          kind: 'tool',
          id: `${e.turnId}:t:${e.callId}`,
          callId: e.callId,
          name: e.name,
          server: e.server,
          tool: e.tool,
          arguments: e.arguments,
          status: 'pending',
        }
  const next: ToolRow =
    e.type === 'tool_approval_request'
      ? { ...base, status: 'pending' }
      : e.type === 'tool_call_started'
        ? { ...base, status: 'running' }
        : { ...base, status: e.status, output: e.output, durationMs: e.durationMs }
  if (i < 0) return [...rows, next]
  const copy: (R | ToolRow)[] = rows.slice()
  copy[i] = next
  return copy
}

/** A stored call: its row, to be completed by its output. */
export function storedCallRow(
  id: string,
  item: { call_id: string; name: string; arguments: string },
): ToolRow {
  const [server, ...rest] = item.name.split('__')
  return {
    kind: 'tool',
    id,
    callId: item.call_id,
    name: item.name,
    server: rest.length > 0 ? server! : '',
    tool: rest.length > 0 ? rest.join('__') : item.name,
    arguments: item.arguments,
    status: 'interrupted',
  }
}

export function withStoredOutput(row: ToolRow, output: unknown, meta: ToolRecordMeta | undefined): ToolRow {
  return {
    ...row,
    ...(meta?.server ? { server: meta.server, tool: meta.tool } : {}),
    status: meta?.status ?? 'ok',
    output: typeof output === 'string' ? output : JSON.stringify(output),
    ...(meta ? { durationMs: meta.durationMs } : {}),
  }
}
