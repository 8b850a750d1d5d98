// Every configured MCP server: connects the enabled ones lazily, offers their enabled tools to
// the model as function tools named `server__tool`, and routes calls back by that name.
import { createHash } from 'node:crypto'
import type { McpServerConfig, McpServerStatus } from '@shared/mcp'
import { FUNCTION_NAME, FunctionParameters, type FunctionTool } from '@shared/wire/tools'
import type { Logger } from '../../log'
import { McpConnection, type CallResult } from './connection'
import type { LaunchGate } from './launch-gate'
import type { AgentFor } from '../../net/agent-fetch'

export interface RoutedTool {
  spec: FunctionTool
  server: string
  tool: string
}

export class McpManager {
  private readonly conns = new Map<string, McpConnection>()
  private routes = new Map<string, RoutedTool>()

  constructor(
    private configs: McpServerConfig[],
    private readonly logger: Logger,
    private readonly onCrash: (server: string, message: string) => void = () => {},
    /** Checked before every spawn of a stdio server (absent: the configs are the user's own). */
    private readonly launch?: LaunchGate,
    /** The app's proxy agents for servers over HTTP (absent: direct). */
    private readonly agentFor?: AgentFor,
  ) {}

  get servers(): readonly McpServerConfig[] {
    return this.configs
  }

  /** Replace the configuration; servers whose config changed are closed and reconnect on demand. */
  async configure(configs: McpServerConfig[]): Promise<void> {
    const keep = new Map(configs.map((c) => [c.name, JSON.stringify(c)]))
    for (const [name, conn] of this.conns) {
      if (keep.get(name) !== JSON.stringify(conn.config)) {
        this.conns.delete(name)
        await conn.close()
      }
    }
    this.configs = configs
  }

  private conn(config: McpServerConfig): McpConnection {
    let c = this.conns.get(config.name)
    if (!c) {
      c = new McpConnection(config, this.logger, this.onCrash, this.launch, this.agentFor)
      this.conns.set(config.name, c)
    }
    return c
  }

  /** The function tools to offer this turn; servers that fail to start are skipped with a warning. */
  async tools(warn: (message: string) => void): Promise<RoutedTool[]> {
    const routes = new Map<string, RoutedTool>()
    await Promise.all(
      this.configs
        .filter((c) => c.enabled)
        .map(async (config) => {
          const conn = this.conn(config)
          try {
            await conn.connect()
          } catch (e) {
            warn((e as Error).message)
            return
          }
          const off = new Set(config.disabledTools)
          for (const t of conn.tools) {
            if (off.has(t.name)) continue
            const params = FunctionParameters.safeParse(t.inputSchema)
            if (!params.success) {
              warn(
                `MCP tool "${config.name}/${t.name}" was skipped: its input schema is not an object schema.`,
              )
              continue
            }
            const name = functionName(config.name, t.name)
            const spec: FunctionTool = { type: 'function', name, strict: false, parameters: params.data }
            if (t.description) spec.description = t.description.slice(0, 8192)
            routes.set(name, { spec, server: config.name, tool: t.name })
          }
        }),
    )
    // Stable order across rounds and turns keeps WebSocket follow-ups incremental.
    this.routes = new Map([...routes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    return [...this.routes.values()]
  }

  route(name: string): RoutedTool | undefined {
    return this.routes.get(name)
  }

  isAlwaysAllowed(server: string, tool: string): boolean {
    return this.configs.find((c) => c.name === server)?.alwaysAllow.includes(tool) ?? false
  }

  call(
    server: string,
    tool: string,
    args: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<CallResult> {
    const config = this.configs.find((c) => c.name === server)
    if (!config) return Promise.resolve({ kind: 'failed', message: `no MCP server named "${server}"` })
    return this.conn(config).call(tool, args, signal)
  }

  /** "Test" in settings: a fresh connection, its tool list, closed again. */
  async test(config: McpServerConfig): Promise<McpServerStatus> {
    const conn = new McpConnection(config, this.logger, undefined, this.launch, this.agentFor)
    try {
      await conn.connect()
      const off = new Set(config.disabledTools)
      const tools = conn.tools.map((t) => ({
        name: t.name,
        description: t.description,
        enabled: !off.has(t.name),
      }))
      return { name: config.name, state: 'connected', message: `connected, ${tools.length} tools`, tools }
    } catch (e) {
      return { name: config.name, state: 'failed', message: (e as Error).message, tools: [] }
    } finally {
      await conn.close()
    }
  }

  async close(): Promise<void> {
    const all = [...this.conns.values()]
    this.conns.clear()
    await Promise.all(all.map((c) => c.close()))
  }
}

/** `server__tool`, reduced to the characters and length the service accepts. */
export function functionName(server: string, tool: string): string {
  const raw = `${server}__${tool}`.replace(/[^a-zA-Z0-9_-]/g, '_')
  if (FUNCTION_NAME.test(raw)) return raw
  const hash = createHash('sha256').update(`${server}\0${tool}`).digest('hex').slice(0, 8)
  return `${raw.slice(0, 55)}_${hash}`
}
