// MCP helpers: function names the service accepts, tool results as text, secrets filled into configs.
import { describe, expect, it } from 'vitest'
import { functionName } from '../../main/core/tools/mcp/manager'
import { resultText } from '../../main/core/tools/mcp/result'
import { McpConfigFile, McpServerConfig, withMcpSecrets } from '@shared/mcp'
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
    const secrets = { a: { TOKEN: 's', bearer: 'ignored' }, b: { bearer: 't' } }
    expect(withMcpSecrets(stdio, secrets)).toMatchObject({ env: { A: '1', TOKEN: 's' } })
    expect(withMcpSecrets(http, secrets)).toMatchObject({ bearer: 't' })
    expect(withMcpSecrets(http, {})).toBe(http)
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
})
