// Build the engine both hosts run, from settings plus what only main knows (secrets, proxy agent).
import { createHash } from 'node:crypto'
import type { Agent } from 'node:http'
import type { Settings } from '@shared/bridge'
import type { Engine } from '../core/api'
import type { Logger } from '../core/log'
import type { TokenStore } from '../core/auth/chatgpt'
import { Session } from '../core/session'
import { makeProvider } from '../core/provider-factory'
import { OPENAI_BASE_URL, type AuthSource, type Provider } from '../core/provider'
import { ModelError } from '../core/responses/errors'
import { ToolRuntime } from '../core/tools/runtime'
import { withMcpSecrets, type McpSecrets } from '@shared/mcp'
import { mcpSecretsDigest } from './mcp-secrets'
import { customKeyFor } from './custom-key'
import { LaunchGate, MemoryLaunchApprovals } from '../core/tools/mcp/launch-gate'

const refuseAll = new LaunchGate(new MemoryLaunchApprovals())

/** The host's launch gate, or one that refuses every stdio server nobody approved. */
export function mcpLaunchGate(spec: Pick<EngineSpec, 'mcpLaunch'>): LaunchGate {
  return spec.mcpLaunch ?? refuseAll
}

export interface EngineSpec {
  settings: Settings
  /** The OpenAI API key: only ever sent to provider `openai` (its own host, or the host's override). */
  apiKey: string | null
  /** The custom provider's stored key (`custom-key.ts`), used only for the server it was entered for. */
  customKey?: string | null
  /** ChatGPT tokens (provider `chatgpt`); absent where the host cannot sign in. */
  tokenStore?: TokenStore
  dataDir: string
  agent?: (url: URL) => Agent | undefined
  logger: Logger
  /** Where to send requests instead of the provider's default (the demo's emulator; env OPENAI_BASE_URL). */
  baseUrlOverride?: string
  /** How to explain a missing key in this host. */
  missingKeyHint: string
  /** MCP servers' environment secrets and bearer tokens, from the secret store. */
  mcpSecrets?: McpSecrets
  /**
   * Asks before a new or changed stdio MCP server is spawned (settings come from the page).
   * Absent: only nothing new may launch (a gate without a way to ask).
   */
  mcpLaunch?: LaunchGate
  /** "Always for this tool" was chosen in a window: remember it in settings. */
  onAlwaysAllow?: (server: string, tool: string) => void
}

/** An auth source that fails every request with a plain explanation instead of a 401. */
function missingKey(hint: string): AuthSource {
  return {
    kind: 'api_key',
    headers: async () => {
      throw new ModelError(`No OpenAI API key. ${hint}`, 'missing_credentials', false)
    },
  }
}

export function providerFor(spec: EngineSpec): Provider {
  const { provider } = spec.settings
  const agent = spec.agent ? { agent: spec.agent } : {}
  const baseUrl = spec.baseUrlOverride || (provider.kind === 'custom' ? provider.baseUrl : undefined)
  if (provider.kind === 'openai' && !spec.apiKey) {
    return {
      id: 'openai',
      name: 'OpenAI',
      baseUrl: baseUrl || OPENAI_BASE_URL,
      supportsWebsockets: true,
      auth: missingKey(spec.missingKeyHint),
      ...agent,
    }
  }
  const tokenStore: TokenStore = spec.tokenStore ?? {
    load: async () => {
      throw new ModelError(
        'ChatGPT sign-in is only available in the desktop app.',
        'missing_credentials',
        false,
      )
    },
    save: async () => undefined,
  }
  // Each provider gets its own credential; the OpenAI key never goes to a custom server.
  const apiKey =
    provider.kind === 'openai'
      ? spec.apiKey
      : provider.kind === 'custom'
        ? customKeyFor(spec.customKey ?? null, baseUrl ?? '')
        : null
  return makeProvider({
    id: provider.kind,
    baseUrl,
    apiKey: apiKey ?? undefined,
    tokenStore,
    websockets: provider.kind === 'custom' ? spec.settings.transport === 'websocket' : undefined,
    agent: spec.agent,
    logger: spec.logger,
  })
}

export function createEngine(spec: EngineSpec): Engine {
  return new Session({
    provider: providerFor(spec),
    dataDir: spec.dataDir,
    logger: spec.logger,
    transport: spec.settings.transport,
    compression: spec.settings.compression,
    compactAndRetry: spec.settings.compactAndRetry,
    ...(spec.settings.model ? { model: spec.settings.model } : {}),
    tools: new ToolRuntime({
      servers: spec.settings.mcpServers.map((c) => withMcpSecrets(c, spec.mcpSecrets)),
      approval: 'ask',
      logger: spec.logger,
      launch: mcpLaunchGate(spec),
      ...(spec.agent ? { agentFor: spec.agent } : {}),
      ...(spec.onAlwaysAllow ? { onAlwaysAllow: spec.onAlwaysAllow } : {}),
    }),
  })
}

/** Changes when the engine must be rebuilt (the proxy is not part of it: agents are looked up live). */
export function engineKey(
  spec: Pick<EngineSpec, 'settings' | 'apiKey' | 'customKey' | 'baseUrlOverride' | 'mcpSecrets'>,
): string {
  const s = spec.settings
  const hash = (v: string | null | undefined) =>
    v ? createHash('sha256').update(v).digest('hex').slice(0, 16) : ''
  const keys = [hash(spec.apiKey), hash(spec.customKey)]
  return JSON.stringify([
    s.provider,
    s.model,
    s.transport,
    s.compression,
    s.compactAndRetry,
    ...keys,
    spec.baseUrlOverride ?? '',
    // Remembering an "always" answer must not rebuild the engine mid-turn.
    s.mcpServers.map(({ alwaysAllow: _a, ...rest }) => rest),
    mcpSecretsDigest(spec.mcpSecrets),
  ])
}
