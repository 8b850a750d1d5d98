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

/** server-everything in its Streamable HTTP mode on a free port; resolves with its /mcp URL. */
export async function everythingHttp(): Promise<{ url: string; stop: () => void }> {
  const { createServer } = await import('node:net')
  const { spawn } = await import('node:child_process')
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port
      s.close(() => resolve(p))
    })
  })
  const child = spawn(process.execPath, [everythingEntry, 'streamableHttp'], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    let err = ''
    const timer = setTimeout(() => reject(new Error(`server-everything did not start: ${err}`)), 15_000)
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString()
      if (/listening on port/i.test(err)) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => reject(new Error(`server-everything exited (${code}): ${err}`)))
  })
  return { url: `http://127.0.0.1:${port}/mcp`, stop: () => child.kill() }
}
