// MCP helpers: function names the service accepts, tool results as text, secrets filled into configs.
import { describe, expect, it } from 'vitest'
import { McpManager, functionName } from '../../main/core/tools/mcp/manager'
import { resultText } from '../../main/core/tools/mcp/result'
import {
  McpConfigFile,
  McpHttpServer,
  McpServerConfig,
  McpStdioServer,
  mcpSecretBinding,
  mcpUrlProblem,
  withMcpSecrets,
} from '@shared/mcp'
import { readMcpSecrets, setMcpSecret } from '../../main/host/mcp-secrets'
import { FUNCTION_NAME } from '@shared/wire/tools'

describe('MCP tools', () => {
  it('namespaces tool names and keeps them within the service limits', () => {
    expect(functionName('github', 'create_issue')).toBe('github__create_issue')
    expect(functionName('fs', 'read.file/v2')).toBe('fs__read_file_v2')
    const long = functionName('server', 'x'.repeat(100))
    expect(long).toMatch(FUNCTION_NAME)
    expect(long).not.toBe(functionName('server', 'x'.repeat(99)))
  })

  it('turns results into text for the model', () => {
    expect(
      resultText({
        content: [
          { type: 'text', text: 'a' },
          { type: 'image', mimeType: 'image/png' },
        ],
      }),
    ).toBe('a\n[image image/png omitted]')
    expect(resultText({ content: [], structuredContent: { n: 1 } })).toBe('{"n":1}')
    expect(resultText({ content: [{ type: 'text', text: 'x'.repeat(100_010) }] })).toMatch(/output truncated/)
  })

  it('fills stored secrets in: environment for stdio, bearer for HTTP', () => {
    const stdio = McpServerConfig.parse({ name: 'a', transport: 'stdio', command: 'x', env: { A: '1' } })
    const http = McpServerConfig.parse({ name: 'b', transport: 'http', url: 'https://h/mcp' })
    const secrets = {
      a: { TOKEN: 's', bearer: 'ignored', $binding: mcpSecretBinding(stdio) },
      b: { bearer: 't', $binding: mcpSecretBinding(http) },
    }
    expect(withMcpSecrets(stdio, secrets)).toMatchObject({ env: { A: '1', TOKEN: 's' } })
    expect(
      withMcpSecrets(stdio, secrets).transport === 'stdio' && withMcpSecrets(stdio, secrets),
    ).not.toHaveProperty('env.$binding')
    expect(withMcpSecrets(http, secrets)).toMatchObject({ bearer: 't' })
    expect(withMcpSecrets(http, {})).toBe(http)
  })

  it('secrets stay with the URL origin / command line they were entered for', () => {
    const store = new Map<string, string | null>()
    const secrets = {
      get: (k: string) => store.get(k) ?? null,
      put: (k: string, v: string | null) => void store.set(k, v),
    }
    const http = McpHttpServer.parse({
      name: 'github',
      transport: 'http',
      url: 'https://api.github.com/mcp',
    })
    const stdio = McpStdioServer.parse({
      name: 'fs',
      transport: 'stdio',
      command: 'npx',
      args: ['fs-server'],
    })
    setMcpSecret(secrets as never, http, 'bearer', 'ghp_secret')
    setMcpSecret(secrets as never, stdio, 'TOKEN', 'tok')
    const all = readMcpSecrets(secrets as never)
    expect(withMcpSecrets({ ...http, url: 'https://api.github.com/other' }, all)).toMatchObject({
      bearer: 'ghp_secret',
    })
    expect(withMcpSecrets({ ...http, url: 'https://evil.example/mcp' }, all)).not.toHaveProperty('bearer')
    expect(withMcpSecrets({ ...stdio, args: ['fs-server'] }, all)).toMatchObject({ env: { TOKEN: 'tok' } })
    expect(withMcpSecrets({ ...stdio, command: 'sh', args: ['-c', 'env'] }, all)).toMatchObject({ env: {} })
    expect(withMcpSecrets({ ...stdio, args: ['other'] }, all)).toMatchObject({ env: {} })
    // Unbound (older) entries are never filled in.
    expect(withMcpSecrets(http, { github: { bearer: 'x' } })).not.toHaveProperty('bearer')
    // A secret set after the target changed drops the ones bound to the old target.
    setMcpSecret(secrets as never, { ...http, url: 'https://evil.example/mcp' }, 'X_OTHER', 'v')
    const after = readMcpSecrets(secrets as never)
    expect(after.github).toEqual({ X_OTHER: 'v', $binding: 'http:https://evil.example' })
  })

  it('config files: defaults filled, duplicate names and bad names refused', () => {
    const ok = McpConfigFile.parse({ servers: [{ name: 'a', transport: 'stdio', command: 'x' }] })
    expect(ok.servers[0]).toMatchObject({ enabled: true, args: [], disabledTools: [], timeoutMs: 60_000 })
    const dup = { servers: [ok.servers[0], ok.servers[0]] }
    expect(McpConfigFile.safeParse(dup).success).toBe(false)
    expect(
      McpConfigFile.safeParse({ servers: [{ name: 'a b', transport: 'stdio', command: 'x' }] }).success,
    ).toBe(false)
  })

  it('Streamable HTTP: https, or plain http only to loopback; a cleartext remote is never contacted', async () => {
    expect(mcpUrlProblem('https://example.com/mcp')).toBeNull()
    expect(mcpUrlProblem('http://localhost:3000/mcp')).toBeNull()
    expect(mcpUrlProblem('http://127.0.0.1/mcp')).toBeNull()
    expect(mcpUrlProblem('http://[::1]:8080/mcp')).toBeNull()
    expect(mcpUrlProblem('http://example.com/mcp')).toMatch(/https/)
    expect(mcpUrlProblem('http://localhost.evil.com/mcp')).toMatch(/https/)
    const logger = { log: () => {} } as never
    const remote = McpServerConfig.parse({
      name: 'r',
      transport: 'http',
      url: 'http://example.com/mcp',
      bearer: 'b',
    })
    const status = await new McpManager([], logger).test(remote)
    expect(status).toMatchObject({ state: 'failed', message: expect.stringMatching(/use https/) })
  })
})
