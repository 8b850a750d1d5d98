// Runs one mutated stream through the engine and checks what must hold whatever the server
// sends: the turn ends (turn_complete or turn_aborted) in time, nothing throws out of a socket
// handler, every event fits the contract, the history file reads back completely, and a later
// turn on a fresh engine resends that history in a form the strict service accepts.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { EngineEvent } from '@shared/events'
import { Session } from '../../main/core/session'
import { makeProvider } from '../../main/core/provider-factory'
import { parseHistory } from '../../main/core/history/store'
import type { FuzzServer } from './server'
import type { FuzzCase } from './mutations'

export type Problem = 'hang' | 'stack_trace' | 'unreadable_history' | 'invalid_event'

export interface CaseResult {
  problems: { kind: Problem; detail: string }[]
  outcome: 'completed' | 'aborted' | 'none'
  ms: number
}

export interface CheckOptions {
  idleTimeoutMs: number
  /** A turn not ended after this long is a hang. */
  hangMs: number
}

/** Errors thrown out of a socket handler land here (the process would otherwise print and die). */
export const escaped: string[] = []
let installed = false
export function watchEscapes(): void {
  if (installed) return
  installed = true
  process.on('uncaughtException', (e) => escaped.push(`uncaught: ${e.stack ?? e}`))
  process.on('unhandledRejection', (e) => escaped.push(`unhandled rejection: ${(e as Error)?.stack ?? e}`))
}

function engine(server: FuzzServer, c: FuzzCase, dataDir: string, opts: CheckOptions) {
  const ws = c.transport === 'ws'
  return new Session({
    provider: makeProvider({ id: 'openai', baseUrl: `${server.url}/v1`, apiKey: 'sk-fuzz', websockets: ws }),
    dataDir,
    transport: ws ? 'auto' : 'sse',
    idleTimeoutMs: opts.idleTimeoutMs,
    requestMaxRetries: 1,
    streamMaxRetries: 1,
    maxRetryDelayMs: 500,
    retryBaseDelayMs: 1,
    random: () => 0.5,
  })
}

async function turn(
  session: Session,
  text: string,
  conversationId: string | undefined,
  hangMs: number,
): Promise<{ events: EngineEvent[]; ended: boolean }> {
  const events: EngineEvent[] = []
  const off = session.subscribe((e) => events.push(e))
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'hang'>((r) => (timer = setTimeout(() => r('hang'), hangMs)))
  const op = { type: 'user_turn', text, model: 'gpt-4o', ...(conversationId ? { conversationId } : {}) }
  const r = await Promise.race([session.submit(op).then(() => 'done' as const), timeout])
  clearTimeout(timer)
  off()
  const ended = r === 'done' && events.some((e) => e.type === 'turn_complete' || e.type === 'turn_aborted')
  return { events, ended }
}

export async function checkCase(server: FuzzServer, c: FuzzCase, opts: CheckOptions): Promise<CaseResult> {
  const started = performance.now()
  const problems: CaseResult['problems'] = []
  const escapedBefore = escaped.length
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-'))
  let outcome: CaseResult['outcome'] = 'none'
  try {
    server.serve(c, 2)
    const first = engine(server, c, dataDir, opts)
    const t1 = await turn(first, 'Tell me something.', undefined, opts.hangMs)
    const id = t1.events.find((e) => e.type === 'session_configured')?.conversationId
    if (!t1.ended) problems.push({ kind: 'hang', detail: 'the first turn did not end' })
    outcome = t1.events.some((e) => e.type === 'turn_complete')
      ? 'completed'
      : t1.events.some((e) => e.type === 'turn_aborted')
        ? 'aborted'
        : 'none'
    for (const e of t1.events) {
      if (!EngineEvent.safeParse(e).success) problems.push({ kind: 'invalid_event', detail: e.type })
      if (e.type === 'error' && e.code === 'internal')
        problems.push({ kind: 'stack_trace', detail: e.message })
    }
    await closeQuietly(first)
    if (!id) {
      if (t1.ended) problems.push({ kind: 'unreadable_history', detail: 'no conversation id' })
      return { problems, outcome, ms: performance.now() - started }
    }

    // The history reads back completely ...
    const file = path.join(dataDir, 'conversations', `${id}.jsonl`)
    const loaded = parseHistory(id, fs.readFileSync(file, 'utf8'), new Date().toISOString())
    if (loaded.skipped.length > 0)
      problems.push({ kind: 'unreadable_history', detail: `skipped lines ${JSON.stringify(loaded.skipped)}` })
    try {
      JSON.stringify(loaded.conversation)
    } catch (e) {
      problems.push({ kind: 'unreadable_history', detail: `cannot serialize: ${(e as Error).message}` })
    }
    // ... and a fresh engine resends it in a form the strict service accepts.
    server.serve(null, 0)
    const second = engine(server, c, dataDir, opts)
    const t2 = await turn(second, 'And then?', id, opts.hangMs)
    await closeQuietly(second)
    if (!t2.ended) problems.push({ kind: 'hang', detail: 'the follow-up turn did not end' })
    else if (!t2.events.some((e) => e.type === 'turn_complete'))
      problems.push({
        kind: 'unreadable_history',
        detail: `follow-up failed: ${server.rejected[0] ?? JSON.stringify(t2.events.filter((e) => e.type === 'error'))}`,
      })
    if (t2.events.some((e) => e.type === 'warning' && e.code === 'history_recovered'))
      problems.push({ kind: 'unreadable_history', detail: 'history_recovered on reload' })
  } catch (e) {
    problems.push({ kind: 'stack_trace', detail: `the harness caught: ${(e as Error).stack ?? e}` })
  } finally {
    // Give a socket handler that throws late a moment to show up, then attribute it to this case.
    await new Promise((r) => setImmediate(r))
    for (const s of escaped.slice(escapedBefore)) problems.push({ kind: 'stack_trace', detail: s })
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  return { problems, outcome, ms: performance.now() - started }
}

async function closeQuietly(s: Session): Promise<void> {
  try {
    await s.close()
  } catch {
    // closing is not under test
  }
}
