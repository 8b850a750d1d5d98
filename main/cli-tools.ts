// CLI side of tools (issue 15): `--mcp-config FILE` loads MCP servers, `--approve all|none`
// answers every approval (a script cannot click), and tool events print as short lines.
import fs from 'node:fs'
import type { EngineEvent } from '@shared/events'
import { McpConfigFile } from '@shared/mcp'
import { describeIssue } from '@shared/bridge/settings'
import { ToolRuntime } from './core/tools/runtime'
import type { ApprovalPolicy } from './core/tools/approval'
import type { Logger } from './core/log'
import type { AgentFor } from './core/net/agent-fetch'

export function loadToolRuntime(
  file: string | undefined,
  approve: string | undefined,
  logger: Logger,
  agentFor?: AgentFor,
): ToolRuntime | undefined {
  if (approve !== undefined && approve !== 'all' && approve !== 'none')
    throw new Error(`--approve must be "all" or "none" (got "${approve}")`)
  if (file === undefined) return undefined
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (e) {
    throw new Error(`could not read --mcp-config ${file}: ${(e as Error).message}`, { cause: e })
  }
  const parsed = McpConfigFile.safeParse(raw)
  if (!parsed.success) throw new Error(`invalid --mcp-config ${file}: ${describeIssue(parsed.error)}`)
  // Without --approve nobody can answer, so calls are denied (and the model is told so).
  const approval: ApprovalPolicy = approve === 'all' ? 'all' : 'none'
  return new ToolRuntime({
    servers: parsed.data.servers,
    approval,
    logger,
    ...(agentFor ? { agentFor } : {}),
  })
}

/** One stderr line per tool event in text mode. */
export function toolLine(e: EngineEvent): string | null {
  switch (e.type) {
    case 'tool_call_started':
      return `[tool] ${e.server}/${e.tool} ${e.arguments}`
    case 'tool_call_finished':
      return `[tool] ${e.server || '?'}/${e.tool} ${e.status} in ${e.durationMs} ms: ${e.output.slice(0, 200)}`
    case 'web_search':
      return e.status === 'completed' && e.query ? `[web search] ${e.query}` : null
    default:
      return null
  }
}
