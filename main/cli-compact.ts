// `assistant compact --conversation ID [--json]`: compact a stored conversation's model input now
// (remote `/responses/compact` for OpenAI's providers, a local summary otherwise). The transcript
// on disk keeps every item; a compaction record is appended.
import { parseArgs } from 'node:util'
import type { EngineEvent, EngineEventOf } from '@shared/events'
import { Session } from './core/session'
import { HistoryStore } from './core/history/store'
import { defaultDataDir } from './core/paths'
import { streamLogger, type Logger } from './core/log'
import type { Provider } from './core/provider'
import { usageText } from './cli-usage'

export const COMPACT_USAGE = usageText('compact')

interface Io {
  out: (s: string) => void
  err: (s: string) => void
  env: NodeJS.ProcessEnv
}

type ProviderOf = (
  opts: { provider: string; baseUrl: string | undefined; websockets: boolean | undefined },
  env: NodeJS.ProcessEnv,
  logger: Logger,
) => Provider

const k = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n))

export async function compact(args: string[], io: Io, providerOf: ProviderOf): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      conversation: { type: 'string' },
      json: { type: 'boolean', default: false },
      provider: { type: 'string', default: 'openai' },
      'base-url': { type: 'string' },
      'data-dir': { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  })
  const id = values.conversation
  if (!id) throw new Error(`--conversation ID is required\n${COMPACT_USAGE}`)
  const dataDir = values['data-dir'] ?? defaultDataDir(io.env)
  const store = new HistoryStore(dataDir)
  const known = /^[0-9a-f-]{36}$/i.test(id) && store.exists(id)
  store.close()
  if (!known) throw new Error(`no conversation ${id} in ${dataDir}`)
  const logger = streamLogger((l) => io.err(l + '\n'), values.verbose ? 'debug' : 'warn')
  const session = new Session({
    provider: providerOf(
      { provider: values.provider, baseUrl: values['base-url'], websockets: false },
      io.env,
      logger,
    ),
    dataDir,
    transport: 'sse',
    logger,
  })
  let done: EngineEventOf<'context_compacted'> | null = null
  let error: string | null = null
  session.subscribe((e: EngineEvent) => {
    if (values.json) io.out(JSON.stringify(e) + '\n')
    if (e.type === 'context_compacted') done = e
    else if (e.type === 'error') error = e.message
    else if (e.type === 'warning' && !values.json) io.err(`warning: ${e.message}\n`)
  })
  try {
    await session.submit({ type: 'compact', conversationId: id })
  } finally {
    await session.close()
  }
  const result = done as EngineEventOf<'context_compacted'> | null
  if (!result) {
    io.err(`error: ${error ?? 'the conversation was not compacted'}\n`)
    return 1
  }
  if (!values.json)
    io.err(`compacted (${result.mode}): ${k(result.tokensBefore)} → ${k(result.tokensAfter)} tokens\n`)
  return 0
}
