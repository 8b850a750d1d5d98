// The Responses-stream candidates. Each runs in its own client process (responses-candidate.ts),
// so no candidate's garbage, heap size or JIT state is paid for by another.
import http from 'node:http'
import { randomUUID } from 'node:crypto'
import WebSocket from 'ws'
import OpenAI from 'openai'
import { ResponsesWS } from 'openai/resources/responses/ws'
import { Session } from '../../main/core/session'
import { makeProvider } from '../../main/core/provider-factory'

// --- SSE candidates ---

async function engineRun(base: string, transport: 'sse' | 'websocket', dataDir: string): Promise<number> {
  const session = new Session({
    provider: makeProvider({
      id: 'custom',
      baseUrl: base,
      apiKey: 'bench',
      websockets: transport === 'websocket',
    }),
    dataDir,
    transport,
    model: 'gpt-4o',
    requestMaxRetries: 0,
    streamMaxRetries: 0,
  })
  let deltas = 0
  let failed: string | null = null
  session.subscribe((e) => {
    if (e.type === 'agent_message_delta') deltas++
    else if (e.type === 'error' && e.fatal) failed = e.message
  })
  await session.submit({ type: 'user_turn', conversationId: randomUUID(), text: 'bench' })
  await session.close()
  if (failed) throw new Error(`engine failed: ${failed}`)
  return deltas
}

async function openaiSseRun(base: string): Promise<number> {
  const client = new OpenAI({ apiKey: 'bench', baseURL: base, maxRetries: 0 })
  const stream = await client.responses.create({ model: 'gpt-4o', input: 'bench', stream: true })
  let deltas = 0
  for await (const ev of stream) if (ev.type === 'response.output_text.delta') deltas++
  return deltas
}

function handSseRun(base: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    })
    req.on('error', reject)
    req.on('response', (res) => {
      res.setEncoding('utf8')
      let buf = ''
      let deltas = 0
      res.on('data', (chunk: string) => {
        buf += chunk
        let end: number
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, end)
          buf = buf.slice(end + 2)
          const at = frame.indexOf('data: ')
          if (at < 0) continue
          const ev = JSON.parse(frame.slice(at + 6)) as { type: string }
          if (ev.type === 'response.output_text.delta') deltas++
        }
      })
      res.on('end', () => resolve(deltas))
    })
    req.end('{}')
  })
}

// --- WebSocket candidates ---

async function openaiWsRun(base: string): Promise<number> {
  const client = new OpenAI({ apiKey: 'bench', baseURL: base, maxRetries: 0 })
  const ws = new ResponsesWS(client)
  let deltas = 0
  await new Promise<void>((resolve, reject) => {
    ws.on('response.output_text.delta', () => void deltas++)
    ws.on('response.completed', () => resolve())
    ws.on('error', (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))))
    ws.send({ type: 'response.create', model: 'gpt-4o', input: 'bench' } as never)
  })
  ws.close({ code: 1000, reason: 'done' })
  return deltas
}

function bareWsRun(base: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/responses`)
    let deltas = 0
    ws.on('error', reject)
    ws.on('open', () => ws.send('{"type":"response.create"}'))
    ws.on('message', (data: Buffer) => {
      const ev = JSON.parse(data.toString('utf8')) as { type: string }
      if (ev.type === 'response.output_text.delta') deltas++
      else if (ev.type === 'response.completed') {
        ws.terminate()
        resolve(deltas)
      }
    })
  })
}

/** Every candidate, by the name the report prints. Each returns the deltas it saw. */
export const candidates: Record<string, (base: string, dataDir: string) => Promise<number>> = {
  'engine (SSE)': (base, dataDir) => engineRun(base, 'sse', dataDir),
  'openai package (SSE)': (base) => openaiSseRun(base),
  'hand parser (SSE)': (base) => handSseRun(base),
  'engine (WebSocket)': (base, dataDir) => engineRun(base, 'websocket', dataDir),
  'openai package (WebSocket)': (base) => openaiWsRun(base),
  'bare ws + JSON.parse': (base) => bareWsRun(base),
}
