// MCP server configuration (issue 15): the same schema for the settings store and the CLI's
// `--mcp-config FILE`. Secrets (environment values marked secret, bearer tokens) are kept out of
// settings: the host stores them with the other secrets and fills them in before connecting.
import { z } from 'zod'

/** Server names become part of function names (`server__tool`), so they are kept simple. */
export const McpServerName = z
  .string()
  .regex(/^[a-zA-Z0-9_-]{1,32}$/, 'server names are 1-32 letters, digits, _ or -')

export const McpToolPolicy = z.enum(['ask', 'always'])

const common = {
  name: McpServerName,
  enabled: z.boolean().default(true),
  /** Tools switched off by the user (absent: on). Names as the server lists them. */
  disabledTools: z.array(z.string().max(200)).max(1000).default([]),
  /** Tools the user allowed to run without asking. */
  alwaysAllow: z.array(z.string().max(200)).max(1000).default([]),
  /** Per-call timeout in ms. */
  timeoutMs: z.number().int().min(100).max(600_000).default(60_000),
}

export const McpStdioServer = z.strictObject({
  ...common,
  transport: z.literal('stdio'),
  command: z.string().min(1).max(1000),
  args: z.array(z.string().max(4000)).max(100).default([]),
  env: z.record(z.string().max(200), z.string().max(8000)).default({}),
  cwd: z.string().max(1000).optional(),
})

export const McpHttpServer = z.strictObject({
  ...common,
  transport: z.literal('http'),
  url: z.string().regex(/^https?:\/\/\S+$/i, 'must be an http(s) URL'),
  bearer: z.string().max(8000).optional(),
})

/**
 * Why a Streamable HTTP URL may not be used, or null. Bearer tokens and tool traffic must not
 * cross the network in cleartext: plain http only to this machine (localhost, 127/8, ::1). Checked
 * when connecting rather than in the schema, so settings saved earlier still load.
 */
export function mcpUrlProblem(url: string): string | null {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return 'not a valid URL'
  }
  if (u.protocol === 'https:') return null
  if (u.protocol !== 'http:') return 'must be an http(s) URL'
  const host = u.hostname.toLowerCase()
  // URL normalizes IPv4 hosts (e.g. `127.1` becomes `127.0.0.1`), so a prefix test is exact.
  const loopback = host === 'localhost' || host === '[::1]' || (host.startsWith('127.') && isIPv4(host))
  return loopback ? null : 'plain http is only allowed to this machine (localhost); use https'
}

function isIPv4(host: string): boolean {
  const parts = host.split('.')
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)
}

export const McpServerConfig = z.discriminatedUnion('transport', [McpStdioServer, McpHttpServer])
export type McpServerConfig = z.infer<typeof McpServerConfig>
export type McpServerInput = z.input<typeof McpServerConfig>

/** `{"servers": [...]}`; names must be unique. */
export const McpConfigFile = z
  .strictObject({ servers: z.array(McpServerConfig).max(50) })
  .refine((c) => new Set(c.servers.map((s) => s.name)).size === c.servers.length, {
    message: 'server names must be unique',
  })
export type McpConfigFile = z.infer<typeof McpConfigFile>

/** What "test" answers for one server. */
export const McpServerStatus = z.object({
  name: z.string(),
  state: z.enum(['connected', 'failed', 'disabled']),
  message: z.string(),
  tools: z.array(z.object({ name: z.string(), description: z.string(), enabled: z.boolean() })),
})
export type McpServerStatus = z.infer<typeof McpServerStatus>

/** A secret of a server: an environment variable's name, or `bearer` (Streamable HTTP token). */
export const McpSecretKey = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'not an environment variable name')
/** Which secrets are set, per server (never their values). */
export const McpSecretsView = z.record(McpServerName, z.array(McpSecretKey).max(100))
export type McpSecretsView = z.infer<typeof McpSecretsView>
/** Main-only: the values. */
export type McpSecrets = Record<string, Record<string, string>>

/**
 * Stored secrets are bound to what they were entered for (issue 15): the HTTP server's origin or
 * the stdio command line. A renamed URL or command never receives them. Kept under this reserved
 * key, which no environment variable name can be.
 */
export const MCP_SECRET_BINDING = '$binding'

/** What a server's secrets are bound to: `http:<origin>` or `stdio:<json [command, ...args]>`. */
export function mcpSecretBinding(config: McpServerConfig): string {
  if (config.transport === 'stdio') return `stdio:${JSON.stringify([config.command, ...config.args])}`
  try {
    const u = new URL(config.url)
    return `http:${u.protocol}//${u.host}`.toLowerCase()
  } catch {
    return `http:${config.url}`
  }
}

/** A server's config with its stored secrets filled in, only while it points where they were entered. */
export function withMcpSecrets(config: McpServerConfig, secrets: McpSecrets | undefined): McpServerConfig {
  const own = secrets?.[config.name]
  if (!own || own[MCP_SECRET_BINDING] !== mcpSecretBinding(config)) return config
  const { bearer, [MCP_SECRET_BINDING]: _binding, ...env } = own
  if (config.transport === 'http') return bearer ? { ...config, bearer } : config
  return { ...config, env: { ...config.env, ...env } }
}
