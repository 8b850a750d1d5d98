// `agentFetch`: fetch over a node:http Agent (the app's proxy agents) for the MCP SDK. Request
// method, headers and body arrive; the response streams; abort stops it; direct uses global fetch.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { agentFetch } from '../../main/core/net/agent-fetch'

let server: http.Server | null = null
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()))
  server = null
})

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler)
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('agentFetch', () => {
  it('sends method, headers and body through the agent; streams the response', async () => {
    const seen: { method?: string; auth?: string; body?: string }[] = []
    const base = await serve((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        seen.push({ method: req.method, auth: req.headers.authorization, body })
        res.writeHead(202, { 'content-type': 'text/event-stream', 'mcp-session-id': 'abc' })
        res.write('data: one\n\n')
        setTimeout(() => res.end('data: two\n\n'), 20)
      })
    })
    let asked = 0
    const agent = new http.Agent()
    const f = agentFetch(() => (asked++, agent))
    const r = await f(`${base}/mcp`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    })
    expect(asked).toBe(1)
    expect(r.status).toBe(202)
    expect(r.headers.get('mcp-session-id')).toBe('abc')
    expect(await r.text()).toBe('data: one\n\ndata: two\n\n')
    expect(seen).toEqual([
      { method: 'POST', auth: 'Bearer t', body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' },
    ])
    agent.destroy()
  })

  it('an abort ends a streaming response; a refused connection is a TypeError like fetch', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write('data: first\n\n')
    })
    const agent = new http.Agent()
    const f = agentFetch(() => agent)
    const ac = new AbortController()
    const r = await f(base, { signal: ac.signal })
    const reader = r.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: first\n\n')
    ac.abort()
    await expect(reader.read()).rejects.toThrow()
    await expect(f('http://127.0.0.1:1/')).rejects.toThrow(TypeError)
    await expect(f(base, { signal: AbortSignal.abort() })).rejects.toThrow()
    agent.destroy()
  })

  it('direct (no agent for the target) is the global fetch; 204 has no body', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(204)
      res.end()
    })
    const direct = await agentFetch(() => undefined)(base)
    expect(direct.status).toBe(204)
    const agent = new http.Agent()
    const via = await agentFetch(() => agent)(base, { method: 'DELETE' })
    expect(via.status).toBe(204)
    expect(via.body).toBeNull()
    agent.destroy()
  })
})
