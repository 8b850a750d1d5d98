// MCP servers for the tool tests: the real `@modelcontextprotocol/server-everything` from npm
// (offline, stdio) and our own failure server (test/fixtures/mcp-test-server.mjs).
import path from 'node:path'
import { createRequire } from 'node:module'
import { McpServerConfig, type McpServerInput } from '@shared/mcp'
import type { EngineEvent, EngineEventOf } from '@shared/events'
import { ToolRuntime } from '../../main/core/tools/runtime'
import type { ApprovalPolicy } from '../../main/core/tools/approval'
import { silentLogger } from '../../main/core/log'

const require = createRequire(import.meta.url)
const everythingEntry = path.join(
  path.dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')),
  'dist/index.js',
)
export const TEST_SERVER = path.resolve(import.meta.dirname, '../fixtures/mcp-test-server.mjs')

export function everything(extra: Partial<McpServerInput> = {}): McpServerConfig {
  return McpServerConfig.parse({
    name: 'everything',
    transport: 'stdio',
    command: process.execPath,
    args: [everythingEntry, 'stdio'],
    ...extra,
  })
}

export function testServer(
  extra: Partial<McpServerInput> & { env?: Record<string, string> } = {},
): McpServerConfig {
  return McpServerConfig.parse({
    name: 'flaky',
    transport: 'stdio',
    command: process.execPath,
    args: [TEST_SERVER],
    ...extra,
  })
}

export function runtime(servers: McpServerConfig[], approval: ApprovalPolicy = 'all'): ToolRuntime {
  return new ToolRuntime({ servers, approval, logger: silentLogger })
}

/** Resolves when an event of that type (and matching `pred`) has been emitted. */
export async function waitFor<T extends EngineEvent['type']>(
  events: EngineEvent[],
  type: T,
  pred: (e: EngineEventOf<T>) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<EngineEventOf<T>> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const hit = events.find((e): e is EngineEventOf<T> => e.type === type && pred(e as EngineEventOf<T>))
    if (hit) return hit
    if (Date.now() > until) throw new Error(`no ${type} event within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 10))
  }
}
