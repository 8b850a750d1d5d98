// Serving a scenario over HTTP: an error reply or a `text/event-stream`.
import type { ServerResponse } from 'node:http'
import { defaultErrorForStatus } from './errors'
import { playSteps, resolveScenario, type StepSink } from './playback'
import { requestId, sendJson } from './reply'
import { DEFAULT_TEXT, textAnswer } from './scripts'
import type { EmulatorState } from './state'
import type { Scenario } from './types'

export function sseFrame(event: Record<string, unknown>): string {
  const type = typeof event.type === 'string' ? event.type : 'message'
  return `event: ${type}\ndata: ${JSON.stringify(event)}\n\n`
}

function write(res: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed || res.writableEnded) {
      resolve()
      return
    }
    res.write(data, () => resolve())
  })
}

export async function serveScenarioHttp(
  state: EmulatorState,
  res: ServerResponse,
  scenario: Scenario | undefined,
): Promise<void> {
  const resolved = resolveScenario(scenario, () => textAnswer(DEFAULT_TEXT))
  if (resolved.kind === 'error') {
    const body =
      resolved.body === undefined ? { error: defaultErrorForStatus(resolved.status) } : resolved.body
    sendJson(res, resolved.status, body, resolved.headers)
    return
  }
  const sink: StepSink = {
    begin() {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-request-id': requestId(),
        ...resolved.headers,
      })
      res.flushHeaders()
    },
    event: (e) => write(res, sseFrame(e)),
    raw: (text) => write(res, text),
    // No binary frames in SSE: a no-op.
    binary: () => Promise.resolve(),
    drop() {
      res.destroy()
    },
    // An SSE stream has no close frame: end the response gracefully.
    closeWs() {
      res.end()
    },
    isOpen: () => !res.destroyed && !res.writableEnded,
  }
  try {
    const end = await playSteps(state, resolved.steps, sink)
    if (end === 'done') res.end()
  } catch (e) {
    console.error((e as Error).message)
    res.destroy()
  }
}
