// Benchmark server, run in its own process so its CPU does not count against the clients:
// serves the same pre-built stream over HTTP SSE (POST */responses) and WebSocket.
import http from 'node:http'
import { WebSocketServer } from 'ws'
import { streamEvents, sseBytes } from './stream-fixture'

const deltas = Number(process.argv[2] ?? 200_000)
const events = streamEvents(deltas)
const sse = sseBytes(events)
const CHUNK = 64 * 1024

const server = http.createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no models here"}}')
    return
  }
  req.resume()
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'openai-model': 'gpt-5.2' })
    let off = 0
    const pump = () => {
      while (off < sse.length) {
        const end = Math.min(off + CHUNK, sse.length)
        const ok = res.write(sse.subarray(off, end))
        off = end
        if (!ok) return void res.once('drain', pump)
      }
      res.end()
    }
    pump()
  })
})
const wss = new WebSocketServer({ server, perMessageDeflate: false })
wss.on('connection', (ws) => {
  ws.on('message', () => {
    let i = 0
    const pump = () => {
      while (i < events.length) {
        ws.send(events[i++]!)
        if (ws.bufferedAmount > 4 * 1024 * 1024) return void setImmediate(pump)
      }
    }
    pump()
  })
})
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number }
  process.stdout.write(`${port}\n`)
})
