// The session's tools: MCP servers, the approval gate, and what one turn may use. Hosts create
// it (settings or `--mcp-config`), the session hands a per-turn view to each turn.
import type { EngineEvent } from '@shared/events'
import type { McpServerConfig, McpServerStatus } from '@shared/mcp'
import type { ToolApprovalOp } from '@shared/tools'
import type { RequestTool } from '@shared/wire/tools'
import type { Logger } from '../log'
import { McpManager } from './mcp/manager'
import type { AgentFor } from '../net/agent-fetch'
import type { LaunchGate } from './mcp/launch-gate'
import { ApprovalGate, type ApprovalPolicy } from './approval'
import { runCall, type CallOutcome, type FunctionCall } from './call'

export interface ToolRuntimeOptions {
  servers: McpServerConfig[]
  approval?: ApprovalPolicy
  logger: Logger
  /** "Always for this tool" chosen: persist it (settings). */
  onAlwaysAllow?: (server: string, tool: string) => void
  /** Rounds of model requests one turn may make. */
  maxRounds?: number
  /** Hosts whose servers come from the page pass a gate; the CLI's `--mcp-config` is the approval. */
  launch?: LaunchGate
  /** The app's proxy agents, for MCP servers over HTTP (absent: direct). */
  agentFor?: AgentFor
}

/** What the tool loop needs for one turn. */
export interface TurnTools {
  maxRounds: number
  prepare(warn: (message: string) => void): Promise<RequestTool[]>
  run(call: FunctionCall, signal: AbortSignal): Promise<CallOutcome>
}

export const DEFAULT_MAX_ROUNDS = 16

export class ToolRuntime {
  readonly mcp: McpManager
  readonly gate: ApprovalGate
  private emit: (e: EngineEvent) => void = () => {}

  constructor(private readonly opts: ToolRuntimeOptions) {
    this.mcp = new McpManager(
      opts.servers,
      opts.logger,
      (server, message) => {
        opts.logger.log('warn', message, { server })
        this.emit({ type: 'warning', message, code: 'other' })
      },
      opts.launch,
      opts.agentFor,
    )
    this.gate = new ApprovalGate(
      opts.approval ?? 'ask',
      (server, tool) => this.mcp.isAlwaysAllowed(server, tool),
      opts.onAlwaysAllow,
    )
  }

  /** The session's event sink (set once by the session). */
  attach(emit: (e: EngineEvent) => void): void {
    this.emit = emit
  }

  forTurn(ids: { conversationId: string; turnId: string }, webSearch: boolean): TurnTools {
    return {
      maxRounds: this.opts.maxRounds ?? DEFAULT_MAX_ROUNDS,
      prepare: async (warn) => {
        const fns = (await this.mcp.tools(warn)).map((r) => r.spec)
        return webSearch ? [...fns, { type: 'web_search' }] : fns
      },
      run: (call, signal) => runCall(call, { mcp: this.mcp, gate: this.gate, emit: this.emit, ids }, signal),
    }
  }

  approve(op: ToolApprovalOp): boolean {
    return this.gate.resolve(op.conversationId, op.callId, op.decision)
  }

  configure(servers: McpServerConfig[]): Promise<void> {
    return this.mcp.configure(servers)
  }

  test(config: McpServerConfig): Promise<McpServerStatus> {
    return this.mcp.test(config)
  }

  close(): Promise<void> {
    return this.mcp.close()
  }
}
