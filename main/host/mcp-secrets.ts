// MCP server secrets (environment values, bearer tokens) live in the host's secret store as one
// JSON entry, like the other secrets: the page can set or delete one and see which are set,
// never read them back. The engine gets them filled into the server configs.
import { createHash } from 'node:crypto'
import {
  MCP_SECRET_BINDING,
  mcpSecretBinding,
  type McpSecrets,
  type McpSecretsView,
  type McpServerConfig,
} from '@shared/mcp'
import type { SecretsService } from './secrets'

export function readMcpSecrets(secrets: SecretsService): McpSecrets {
  const raw = secrets.get('mcp_secrets')
  if (!raw) return {}
  try {
    const parsed: unknown = JSON.parse(raw)
    return typeof parsed === 'object' && parsed !== null ? (parsed as McpSecrets) : {}
  } catch {
    return {}
  }
}

export function mcpSecretsView(secrets: SecretsService): McpSecretsView {
  const all = readMcpSecrets(secrets)
  return Object.fromEntries(
    Object.entries(all).map(([server, keys]) => [
      server,
      Object.keys(keys)
        .filter((k) => k !== MCP_SECRET_BINDING)
        .sort(),
    ]),
  )
}

/**
 * Set or delete one secret of the saved server `config` (the settings' entry, never the page's
 * word). Secrets are bound to its URL origin / command line; ones bound elsewhere are dropped.
 */
export function setMcpSecret(
  secrets: SecretsService,
  config: McpServerConfig,
  key: string,
  value: string | null,
): McpSecretsView {
  const server = config.name
  const all = readMcpSecrets(secrets)
  const binding = mcpSecretBinding(config)
  const own = all[server]?.[MCP_SECRET_BINDING] === binding ? { ...all[server] } : {}
  if (value === null) delete own[key]
  else own[key] = value
  own[MCP_SECRET_BINDING] = binding
  const next = { ...all, [server]: own }
  if (Object.keys(own).length === 1) delete next[server]
  secrets.put('mcp_secrets', Object.keys(next).length === 0 ? null : JSON.stringify(next))
  return mcpSecretsView(secrets)
}

/** For the engine key: changes when any secret changes, reveals nothing. */
export function mcpSecretsDigest(s: McpSecrets | undefined): string {
  return s ? createHash('sha256').update(JSON.stringify(s)).digest('hex').slice(0, 16) : ''
}
