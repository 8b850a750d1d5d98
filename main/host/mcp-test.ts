// Settings' "Test" for an MCP server: connect with the stored secrets, list tools, disconnect.
import { withMcpSecrets, type McpSecrets, type McpServerConfig, type McpServerStatus } from '@shared/mcp'
import { McpManager } from '../core/tools/mcp/manager'
import type { Logger } from '../core/log'

export function testMcpServer(
  config: McpServerConfig,
  secrets: McpSecrets,
  logger: Logger,
): Promise<McpServerStatus> {
  return new McpManager([], logger).test(withMcpSecrets(config, secrets))
}
