// The tool loop (issue 15): model request → function calls → approval → tool → outputs → next
// request, until the model answers without calls or the round cap is reached. It drives the
// turn's single-request machinery (`Turn.streamRound`) so retries, telemetry, history and the
// no-duplicated-text rule work per round. On WebSocket, a follow-up's input extends the previous
// request plus its outputs, so `WsConversation` sends it with `previous_response_id`.
import type { EngineEvent } from '@shared/events'
import type { ToolRecordMeta } from '@shared/tools'
import type { ResponseItem } from '@shared/wire/items'
import type { RequestTool } from '@shared/wire/tools'
import type { Completed } from '../responses/stream'
import { AbortedError, type TurnStreamHandler } from '../responses/client'
import type { TurnTools } from './runtime'
import { ToolStreamHandler } from './web-search'

/** The part of a turn the loop drives. */
export interface LoopTurn extends TurnStreamHandler {
  readonly items: ResponseItem[]
  toolSpecs: RequestTool[]
  readonly ids: { conversationId: string; turnId: string }
  emitEvent(e: EngineEvent): void
  streamRound(input: ResponseItem[], signal: AbortSignal, handler: TurnStreamHandler): Promise<Completed>
  recordToolOutput(item: ResponseItem, meta: ToolRecordMeta): void
}

type Call = Extract<ResponseItem, { type: 'function_call' }>

export async function runToolLoop(
  turn: LoopTurn,
  tools: TurnTools | undefined,
  input: ResponseItem[],
  signal: AbortSignal,
): Promise<Completed> {
  const handler = new ToolStreamHandler(turn, turn.ids, (e) => turn.emitEvent(e))
  if (!tools) return turn.streamRound(input, signal, handler)
  const warn = (message: string): void =>
    turn.emitEvent({ type: 'warning', ...turn.ids, message, code: 'other' })
  turn.toolSpecs = await tools.prepare(warn)
  let current = [...input]
  try {
    for (let round = 1; ; round++) {
      const start = turn.items.length
      const done = await turn.streamRound(current, signal, handler)
      const produced = turn.items.slice(start)
      current = [...current, ...produced]
      const calls = produced.filter((i): i is Call => i.type === 'function_call')
      if (calls.length === 0) return done
      if (round >= tools.maxRounds) {
        const message = `The tool-call limit for one turn (${tools.maxRounds} rounds) was reached; the remaining calls were not run.`
        for (const c of calls) closeCall(turn, c, message, 'error')
        warn(message)
        return done
      }
      for (const call of calls) {
        const { output, meta } = await tools.run(call, signal)
        const item: ResponseItem = { type: 'function_call_output', call_id: call.call_id, output }
        turn.recordToolOutput(item, meta)
        current.push(item)
      }
    }
  } catch (e) {
    // Every call in history needs an output, or the next request of this conversation is invalid.
    const [why, status] =
      e instanceof AbortedError
        ? ['The user interrupted this tool call.', 'interrupted' as const]
        : ['The turn failed before this call ran.', 'error' as const]
    for (const c of openCalls(turn.items)) closeCall(turn, c, why, status)
    throw e
  }
}

function closeCall(turn: LoopTurn, c: Call, output: string, status: ToolRecordMeta['status']): void {
  turn.recordToolOutput(
    { type: 'function_call_output', call_id: c.call_id, output },
    { server: '', tool: c.name, status, durationMs: 0 },
  )
}

function openCalls(items: ResponseItem[]): Call[] {
  const answered = new Set(items.flatMap((i) => (i.type === 'function_call_output' ? [i.call_id] : [])))
  return items.filter((i): i is Call => i.type === 'function_call' && !answered.has(i.call_id))
}
