// Responses stream throughput: this engine vs the `openai` package vs a minimal hand parser,
// the same N-delta stream from a server in a separate process, measured side by side.
import http from 'node:http'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import WebSocket from 'ws'
import OpenAI from 'openai'
import { ResponsesWS } from 'openai/resources/responses/ws'
import { Session } from '../../main/core/session'
import { makeProvider } from '../../main/core/provider-factory'
import type { BenchServer } from './bench-server'

export interface Measure {
  wallMs: number
  cpuMs: number
  deltas: number
}

async function measure(run: () => Promise<number>): Promise<Measure> {
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const deltas = await run()
  const wallMs = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, deltas }
}

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

export interface Row {
  name: string
  m: Measure
}

async function rounds(
  names: string[],
  runs: Record<string, () => Promise<number>>,
  n: number,
): Promise<Row[]> {
  const all: Record<string, Measure[]> = Object.fromEntries(names.map((k) => [k, []]))
  // One unmeasured warm-up run each, so JIT compilation is not timed.
  for (const name of names) await runs[name]!()
  for (let r = 0; r < n; r++) {
    // Rotate the order so no candidate always runs first (cold) or last.
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length]!
      all[name]!.push(await measure(runs[name]!))
      if (global.gc) global.gc()
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  return names.map((name) => {
    const ms = all[name]!
    return {
      name,
      m: {
        wallMs: median(ms.map((x) => x.wallMs)),
        cpuMs: median(ms.map((x) => x.cpuMs)),
        deltas: ms[0]!.deltas,
      },
    }
  })
}

export async function responsesBench(server: BenchServer, deltas: number, n: number) {
  const base = `http://127.0.0.1:${server.port}/v1`
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'))
  try {
    const sse = await rounds(
      ['engine (SSE)', 'openai package (SSE)', 'hand parser (SSE)'],
      {
        'engine (SSE)': () => engineRun(base, 'sse', dataDir),
        'openai package (SSE)': () => openaiSseRun(base),
        'hand parser (SSE)': () => handSseRun(base),
      },
      n,
    )
    const ws = await rounds(
      ['engine (WebSocket)', 'openai package (WebSocket)', 'bare ws + JSON.parse'],
      {
        'engine (WebSocket)': () => engineRun(base, 'websocket', dataDir),
        'openai package (WebSocket)': () => openaiWsRun(base),
        'bare ws + JSON.parse': () => bareWsRun(base),
      },
      n,
    )
    for (const row of [...sse, ...ws]) {
      if (row.m.deltas !== deltas)
        throw new Error(`${row.name} saw ${row.m.deltas} deltas, expected ${deltas}`)
    }
    return { sse, ws }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
