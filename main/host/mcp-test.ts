// Settings' "Test" for an MCP server: connect with the stored secrets, list tools, disconnect.
// The config comes from the page, so a stdio server passes the same launch gate as a turn's; an
// HTTP server is reached through the same proxy as the turns'.
import { withMcpSecrets, type McpSecrets, type McpServerConfig, type McpServerStatus } from '@shared/mcp'
import { McpManager } from '../core/tools/mcp/manager'
import type { LaunchGate } from '../core/tools/mcp/launch-gate'
import type { Logger } from '../core/log'
import type { AgentFor } from '../core/net/agent-fetch'

export function testMcpServer(
  config: McpServerConfig,
  secrets: McpSecrets,
  logger: Logger,
  launch: LaunchGate,
  agentFor?: AgentFor,
): Promise<McpServerStatus> {
  return new McpManager([], logger, undefined, launch, agentFor).test(withMcpSecrets(config, secrets))
}
