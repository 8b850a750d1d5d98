// The CLI host: `assistant exec` streams one turn; `--json` prints every engine event as JSON lines.
import { parseArgs } from 'node:util'
import { randomUUID } from 'node:crypto'
import type { EngineEvent } from '@shared/events'
import { Session } from './core/session'
import { HistoryStore } from './core/history/store'
import type { Provider, ProviderId } from './core/provider'
import { makeProvider, ProviderConfigError } from './core/provider-factory'
import { envProxyAgent } from './core/net/proxy'
import { CodexAuthFile, codexHome } from './core/auth/codex-auth-file'
import { defaultDataDir } from './core/paths'
import { streamLogger, type Logger } from './core/log'
import type { TransportSetting } from './core/responses/client'
import { realtime } from './cli-realtime'
import { speechCommand } from './cli-speech'
import { compact } from './cli-compact'
import { OPTIONS, isParseArgsError, usageText, wantsHelp } from './cli-usage'
import { promptFrom, type PromptSource } from './cli-input'
import { version } from '../package.json'
import { CliInputError, parseEffort, storeCliAttachments } from './cli-attachments'
import { loadToolRuntime, toolLine } from './cli-tools'
import { regenerateOp } from './cli-branches'
import { exportCommand } from './cli-export'
import { backupCommand, restoreCommand } from './cli-backup'

class UsageError extends Error {}

interface Io extends PromptSource {
  out: (s: string) => void
  err: (s: string) => void
  env: NodeJS.ProcessEnv
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv
  const known = command !== undefined && Object.hasOwn(OPTIONS, command) ? command : undefined
  try {
    if (command === '--version' || command === '-V') return (io.out(`${version}\n`), 0)
    if (command === '--help' || command === '-h') return (io.out(usageText() + '\n'), 0)
    if (command === undefined) return (io.err(usageText() + '\n'), 2)
    if (known && wantsHelp(rest)) return (io.out(usageText(known) + '\n'), 0)
    if (command === 'exec') return await exec(rest, io)
    if (command === 'realtime') return await realtime(rest, io)
    if (command === 'transcribe' || command === 'speak') return await speechCommand(command, rest, io)
    if (command === 'compact') return await compact(rest, io, provider)
    if (command === 'export') return await exportCommand(rest, io)
    if (command === 'backup') return await backupCommand(rest, io)
    if (command === 'restore') return await restoreCommand(rest, io)
    throw new UsageError(`unknown command "${command}"`)
  } catch (e) {
    const message = (e as Error).message.split('\n')[0]
    const usage = e instanceof UsageError || isParseArgsError(e) ? `\n${usageText(known)}` : ''
    io.err(`assistant: ${message}${usage}\n`)
    if (e instanceof CliInputError) return 1
    return 2
  }
}

function provider(
  opts: { provider: string; baseUrl: string | undefined; websockets: boolean | undefined },
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Provider {
  const id = opts.provider as ProviderId
  if (id !== 'openai' && id !== 'chatgpt' && id !== 'custom')
    throw new UsageError(`unknown provider "${opts.provider}"`)
  const baseUrl = opts.baseUrl ?? (id === 'chatgpt' ? env.CODEX_BASE_URL : env.OPENAI_BASE_URL)
  if (id === 'custom' && !baseUrl)
    throw new UsageError('--provider custom needs --base-url or OPENAI_BASE_URL')
  try {
    return makeProvider({
      id,
      baseUrl,
      apiKey: env.OPENAI_API_KEY?.trim() || undefined,
      tokenStore: id === 'chatgpt' ? new CodexAuthFile(codexHome(env)) : undefined,
      refreshUrl: env.CODEX_REFRESH_TOKEN_URL_OVERRIDE,
      websockets: opts.websockets,
      logger,
      agent: envProxyAgent(env),
    })
  } catch (e) {
    if (e instanceof ProviderConfigError && /base URL/.test(e.message)) throw new UsageError(e.message)
    throw e
  }
}

async function exec(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      model: { type: 'string' },
      provider: { type: 'string', default: 'openai' },
      'base-url': { type: 'string' },
      transport: { type: 'string', default: 'auto' },
      compress: { type: 'boolean', default: false },
      conversation: { type: 'string' },
      'data-dir': { type: 'string' },
      'idle-timeout-ms': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      effort: { type: 'string' },
      image: { type: 'string', multiple: true, default: [] },
      file: { type: 'string', multiple: true, default: [] },
      'mcp-config': { type: 'string' },
      approve: { type: 'string' },
      'web-search': { type: 'boolean', default: false },
      regenerate: { type: 'boolean', default: false },
    },
  })
  if (values.regenerate && !values.conversation) throw new UsageError('--regenerate needs --conversation ID')
  // Attachments alone are a message too (`exec --image shot.png`).
  const attachedOnly = positionals.length === 0 && values.image.length + values.file.length > 0
  const input = values.regenerate || attachedOnly ? { prompt: '' } : await promptFrom(positionals, io)
  if ('error' in input) throw new UsageError(input.error)
  const prompt = input.prompt
  const transport = values.transport as TransportSetting
  if (!['auto', 'websocket', 'sse'].includes(transport))
    throw new UsageError(`unknown transport "${transport}"`)
  const dataDir = values['data-dir'] ?? defaultDataDir(io.env)
  const conversationId = values.conversation
  if (conversationId !== undefined) {
    const store = new HistoryStore(dataDir)
    const known = /^[0-9a-f-]{36}$/i.test(conversationId) && store.exists(conversationId)
    store.close()
    if (!known) throw new Error(`no conversation ${conversationId} in ${dataDir}`)
  }
  const idle = values['idle-timeout-ms'] ? Number(values['idle-timeout-ms']) : undefined
  if (idle !== undefined && !(idle > 0)) throw new UsageError('--idle-timeout-ms must be a positive number')

  let effort
  try {
    effort = parseEffort(values.effort)
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const attachments = await storeCliAttachments(dataDir, values.image, values.file)

  const logger = streamLogger((l) => io.err(l + '\n'), values.verbose ? 'debug' : 'warn')
  const tools = loadToolRuntime(values['mcp-config'], values.approve, logger, envProxyAgent(io.env))
  const session = new Session({
    provider: provider(
      {
        provider: values.provider,
        baseUrl: values['base-url'],
        // Asking for the WebSocket transport opts a custom provider in.
        websockets: transport === 'websocket' ? true : undefined,
      },
      io.env,
      logger,
    ),
    dataDir,
    transport,
    compression: values.compress,
    ...(values.model ? { model: values.model } : {}),
    ...(idle ? { idleTimeoutMs: idle } : {}),
    ...(tools ? { tools } : {}),
    logger,
  })
  const started = performance.now()
  let outcome: { ok: boolean; error?: string } = { ok: false, error: 'the turn did not finish' }
  let model = values.model ?? ''
  let serverModel: string | null = null
  let tokens: { input: number; output: number } | null = null
  let atLineStart = true
  const print = (s: string) => {
    if (s) atLineStart = s.endsWith('\n')
    io.out(s)
  }

  session.subscribe((e: EngineEvent) => {
    if (values.json) io.out(JSON.stringify(e) + '\n')
    const line = values.json ? null : toolLine(e)
    if (line) io.err(`${atLineStart ? '' : '\n'}${line}\n`)
    switch (e.type) {
      case 'session_configured':
        model = e.model
        if (!values.json)
          io.err(`conversation ${e.conversationId} · model ${e.model} (${e.modelsSource} metadata)\n`)
        break
      case 'agent_message_delta':
        if (!values.json) print(e.delta)
        break
      case 'agent_message_reset':
        if (!values.json) print(`${atLineStart ? '' : '\n'}[the answer restarted after a retry]\n${e.text}`)
        break
      case 'server_model':
        serverModel = e.model
        break
      case 'token_count':
        tokens = { input: e.usage.input_tokens, output: e.usage.output_tokens }
        break
      case 'warning':
        if (!values.json) io.err(`warning: ${e.message}\n`)
        break
      case 'stream_retry':
        if (!values.json) io.err(`${e.message}\n`)
        break
      case 'context_compacted':
        if (!values.json)
          io.err(`context compacted (${e.mode}): ${e.tokensBefore} → ${e.tokensAfter} tokens\n`)
        break
      case 'error':
        if (e.fatal) outcome = { ok: false, error: e.message }
        else if (!values.json) io.err(`warning: ${e.message}\n`)
        break
      case 'turn_complete':
        outcome = { ok: true }
        break
      case 'turn_aborted':
        if (e.reason === 'interrupted') outcome = { ok: false, error: 'interrupted' }
        break
    }
  })

  const id = conversationId ?? randomUUID()
  const onSigint = () => void session.submit({ type: 'interrupt', conversationId: id })
  process.once('SIGINT', onSigint)
  try {
    await session.submit(
      values.regenerate
        ? regenerateOp(dataDir, id, values.model)
        : {
            type: 'user_turn',
            conversationId: id,
            text: prompt,
            ...(values.model ? { model: values.model } : {}),
            ...(attachments.length > 0 ? { attachments } : {}),
            ...(effort ? { effort } : {}),
            ...(values['web-search'] ? { webSearch: true } : {}),
          },
    )
  } finally {
    process.off('SIGINT', onSigint)
    await session.close()
  }
  if (!values.json && !atLineStart) io.out('\n')
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  const served = serverModel && serverModel !== model ? ` (served by ${serverModel})` : ''
  const t = tokens as { input: number; output: number } | null
  const usage = t ? `${t.input} in / ${t.output} out tokens` : 'no usage reported'
  if (!outcome.ok) {
    io.err(`error: ${outcome.error}\n`)
    return 1
  }
  if (!values.json) io.err(`${model}${served} · ${usage} · ${seconds} s\n`)
  return 0
}
