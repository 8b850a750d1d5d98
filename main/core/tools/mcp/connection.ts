// One MCP server through the official SDK client: connect (stdio child or Streamable HTTP), list
// tools, call one with a timeout and the turn's abort signal. A server that dies is reported and
// restarted once; a second death leaves it failed until the user tests or re-enables it.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import { z } from 'zod'
import { mcpUrlProblem, type McpServerConfig } from '@shared/mcp'
import type { Logger } from '../../log'
import { resultText, type ToolResultLike } from './result'
import type { LaunchGate } from './launch-gate'
import { agentFetch, type AgentFor } from '../../net/agent-fetch'

export interface McpTool {
  name: string
  description: string
  inputSchema: Record<string, unknown>
}

export type CallResult =
  | { kind: 'ok'; text: string; isError: boolean }
  | { kind: 'timeout' }
  | { kind: 'crashed'; restarted: boolean }
  | { kind: 'failed'; message: string }

const CLIENT_INFO = { name: 'desktop-assistant', version: '0.1.0' }
/** Starting a server (a child `npx` may install first) gets longer than one call. */
const CONNECT_TIMEOUT_MS = 60_000

export class McpConnection {
  private client: Client | null = null
  private connecting: Promise<Client> | null = null
  private restarts = 0
  /** Set when the server died and its one restart is spent (or the restart failed). */
  dead: string | null = null
  tools: McpTool[] = []

  constructor(
    readonly config: McpServerConfig,
    private readonly logger: Logger,
    private readonly onCrash: (server: string, message: string) => void = () => {},
    private readonly launch?: LaunchGate,
    /** The app's proxy agents: MCP over HTTP goes the way every engine connection goes. */
    private readonly agentFor?: AgentFor,
  ) {}

  get name(): string {
    return this.config.name
  }

  /** Connect (once) and list tools. Throws a plain-words error when the server cannot start. */
  async connect(): Promise<Client> {
    if (this.dead) throw new Error(this.dead)
    if (this.client) return this.client
    this.connecting ??= this.open().finally(() => (this.connecting = null))
    return this.connecting
  }

  private async open(): Promise<Client> {
    await this.launch?.check(this.config)
    const client = new Client(CLIENT_INFO)
    const transport = this.transport()
    let opened = false
    client.onclose = () => {
      if (this.client !== client) return
      this.client = null
      if (opened) this.crashed('the server closed the connection')
    }
    try {
      await client.connect(transport, { timeout: CONNECT_TIMEOUT_MS })
      this.tools = await listAll(client, CONNECT_TIMEOUT_MS)
    } catch (e) {
      await client.close().catch(() => {})
      throw new Error(`could not start MCP server "${this.name}": ${(e as Error).message}`, { cause: e })
    }
    opened = true
    this.client = client
    return client
  }

  private transport(): Transport {
    const c = this.config
    if (c.transport === 'stdio') {
      const t = new StdioClientTransport({
        command: c.command,
        args: c.args,
        env: { ...getDefaultEnvironment(), ...c.env },
        ...(c.cwd ? { cwd: c.cwd } : {}),
        stderr: 'pipe',
      })
      t.stderr?.on('data', (b: Buffer) =>
        this.logger.log('debug', 'mcp server stderr', { server: c.name, text: b.toString().slice(0, 500) }),
      )
      return t
    }
    const problem = mcpUrlProblem(c.url)
    if (problem) throw new Error(`MCP server "${c.name}": ${c.url} ${problem}.`)
    const headers: Record<string, string> = c.bearer ? { Authorization: `Bearer ${c.bearer}` } : {}
    // The proxies are node:http agents, which global fetch cannot use: a fetch over them.
    const fetch = this.agentFor ? { fetch: agentFetch(this.agentFor) } : {}
    return new StreamableHTTPClientTransport(new URL(c.url), { requestInit: { headers }, ...fetch })
  }

  private crashed(why: string): void {
    if (this.restarts >= 1) {
      this.dead = `MCP server "${this.name}" stopped again (${why}); it stays off until its settings change or the app restarts.`
      this.onCrash(this.name, this.dead)
      return
    }
    this.restarts++
    this.onCrash(this.name, `MCP server "${this.name}" stopped (${why}); restarting it once.`)
    this.connect().catch((e: unknown) => {
      this.dead = (e as Error).message
      this.onCrash(this.name, this.dead)
    })
  }

  async call(tool: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallResult> {
    let client: Client
    try {
      client = await this.connect()
    } catch (e) {
      return { kind: 'failed', message: (e as Error).message }
    }
    try {
      const res = await client.callTool({ name: tool, arguments: args }, undefined, {
        signal,
        timeout: this.config.timeoutMs,
      })
      return { kind: 'ok', text: resultText(res as ToolResultLike), isError: res.isError === true }
    } catch (e) {
      if (signal.aborted) throw e
      const code = (e as { code?: unknown }).code
      // -32001 RequestTimeout, -32000 ConnectionClosed (McpError codes of the SDK).
      if (code === -32001) return { kind: 'timeout' }
      if (code === -32000 || this.client !== client) return { kind: 'crashed', restarted: this.dead === null }
      return { kind: 'failed', message: (e as Error).message }
    }
  }

  async close(): Promise<void> {
    const c = this.client
    this.client = null
    this.dead = 'closed'
    await c?.close().catch(() => {})
  }
}

/** Tools as listed, each checked later on its own: one bad schema must not hide the others. */
const LooseToolList = z.looseObject({
  tools: z.array(
    z.looseObject({ name: z.string(), description: z.string().optional(), inputSchema: z.unknown() }),
  ),
  nextCursor: z.string().optional(),
})

async function listAll(client: Client, timeout: number): Promise<McpTool[]> {
  const out: McpTool[] = []
  let cursor: string | undefined
  for (let page = 0; page < 50; page++) {
    const params = cursor ? { cursor } : {}
    const res = await client.request({ method: 'tools/list', params }, LooseToolList, { timeout })
    for (const t of res.tools) {
      out.push({
        name: t.name,
        description: t.description ?? '',
        inputSchema: (t.inputSchema ?? {}) as Record<string, unknown>,
      })
    }
    cursor = res.nextCursor
    if (!cursor) break
  }
  return out
}
