// Settings' "Test" for an MCP server: connect with the stored secrets, list tools, disconnect.
// The config comes from the page, so a stdio server passes the same launch gate as a turn's.
import { withMcpSecrets, type McpSecrets, type McpServerConfig, type McpServerStatus } from '@shared/mcp'
import { McpManager } from '../core/tools/mcp/manager'
import type { LaunchGate } from '../core/tools/mcp/launch-gate'
import type { Logger } from '../core/log'

export function testMcpServer(
  config: McpServerConfig,
  secrets: McpSecrets,
  logger: Logger,
  launch: LaunchGate,
): Promise<McpServerStatus> {
  return new McpManager([], logger, undefined, launch).test(withMcpSecrets(config, secrets))
}
