// A raw scripted server for the fuzzer: serves the current mutated case (bytes as given, invalid
// UTF-8, HTTP faults, WebSocket frames of any kind) to the first requests of a turn, then clean
// answers. Every request body is checked with the strict wire contract, as the real service and
// the emulator would: a request built from a stored history that the service would reject
// counts as an unreadable history.
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { ClientFrame, ResponsesRequest } from '@shared/wire/request'
import { Rng } from './rng'
import { cleanStream, frameText, frameType } from './streams'
import type { FuzzCase } from './mutations'

export interface FuzzServer {
  url: string
  /** The case to serve to the next `casesLeft` stream requests (then clean answers). */
  serve(c: FuzzCase | null, requests: number): void
  /** Requests the strict contract rejected since the last `serve`. */
  rejected: string[]
  /** Stream requests since the last `serve`. */
  requests: number
  close(): Promise<void>
}

const MODELS = JSON.stringify({
  object: 'list',
  data: [{ id: 'gpt-4o', object: 'model', created: 0, owned_by: 'openai' }],
})

export async function startFuzzServer(): Promise<FuzzServer> {
  let current: FuzzCase | null = null
  let left = 0
  const sockets = new Set<Socket>()
  const rng = new Rng(1)
  const state: FuzzServer = {
    url: '',
    rejected: [],
    requests: 0,
    serve(c, requests) {
      current = c
      left = requests
      state.rejected = []
      state.requests = 0
    },
    close: async () => {
      for (const s of sockets) s.destroy()
      wss.close()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
  /** The case for this stream request, or null for a clean answer. */
  const take = (transport: FuzzCase['transport']): FuzzCase | null => {
    state.requests++
    if (!current || left <= 0 || current.transport !== transport) return null
    left--
    return current
  }

  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url?.includes('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(MODELS)
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const problem = checkBody(Buffer.concat(chunks).toString('utf8'), ResponsesRequest)
      if (problem) {
        state.rejected.push(problem)
        res.writeHead(400, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: { code: 'invalid_request', message: problem } }))
        return
      }
      const c = take('sse')
      if (!c || c.transport !== 'sse') return void serveClean(res, rng)
      void serveSse(res, c)
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 })
  server.on('upgrade', (req, socket, head) => {
    const c = current && left > 0 && current.transport === 'ws' ? current : null
    if (c && c.transport === 'ws' && c.refuse) {
      left--
      state.requests++
      socket.end(
        `HTTP/1.1 ${c.refuse} Refused\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}`,
      )
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws))
  })
  const onSocket = (ws: WebSocket) => {
    ws.on('error', () => {})
    ws.on('message', (data: Buffer) => {
      const problem = checkBody(data.toString('utf8'), ClientFrame)
      if (problem) {
        state.rejected.push(problem)
        ws.send(
          JSON.stringify({
            type: 'error',
            status: 400,
            error: { code: 'invalid_request', message: problem },
          }),
        )
        return
      }
      const c = take('ws')
      if (!c || c.transport !== 'ws') {
        for (const f of cleanStream(rng)) ws.send(frameText(f))
        return
      }
      for (const f of c.frames) {
        if (ws.readyState !== ws.OPEN) return
        if ('binary' in f) ws.send(f.binary, { binary: true })
        else ws.send(f.text, { binary: false })
      }
      if (c.end === 'close') ws.close(c.closeCode)
      else if (c.end === 'terminate') ws.terminate()
    })
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return state
}

function checkBody(text: string, schema: typeof ResponsesRequest | typeof ClientFrame): string | null {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return `invalid JSON: ${(e as Error).message}`
  }
  const r = schema.safeParse(json)
  if (r.success) return null
  const issue = r.error.issues[0]
  return `${issue?.path.join('.')}: ${issue?.message}`
}

function serveClean(res: http.ServerResponse, rng: Rng): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' })
  for (const f of cleanStream(rng)) res.write(`event: ${frameType(f)}\ndata: ${frameText(f)}\n\n`)
  res.end()
}

async function serveSse(res: http.ServerResponse, c: Extract<FuzzCase, { transport: 'sse' }>): Promise<void> {
  res.on('error', () => {})
  if (c.dropBeforeHeaders) return void res.socket?.destroy()
  res.writeHead(c.status, c.headers)
  for (const w of c.writes) {
    if (res.destroyed) return
    if (!res.write(w)) await drained(res)
  }
  if (c.end === 'destroy') res.destroy()
  else if (c.end === 'end') res.end()
  // 'stall': keep the response open; the client's idle timeout ends it.
}

function drained(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}
