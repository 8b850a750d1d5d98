// One 16 MB SSE frame arriving in 1 KB writes (issue 11, finding 2): the parser must stay
// linear, so reading the frame costs about what JSON.parse costs on the same bytes. Two
// measurements, each against JSON.parse of the frame's payload: the client's data path in
// process (UTF-8 decoding of 1 KB Buffers + SseParser), and the real HTTP client over loopback
// against a server process writing 1 KB at a time.
import { spawn } from 'node:child_process'
import { StringDecoder } from 'node:string_decoder'
import { SseParser } from '../../main/core/responses/sse-parser'
import { streamHttp } from '../../main/core/responses/sse'
import { parseWireEvent } from '@shared/wire/events'

export interface FrameBenchResult {
  megabytes: number
  jsonParseMs: number
  parserMs: number
  httpMs: number
  httpCpuMs: number
}

const WRITE = 1024

/** Builds the frame; its source is also run by the server process, so both sides agree. */
const FRAME_SOURCE = `(bytes) => {
  const text = 'lorem ipsum dolor sit amet, '.repeat(Math.ceil(bytes / 28)).slice(0, bytes)
  const item = { id: 'msg_big', type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] }
  const data = JSON.stringify({ type: 'response.output_item.done', output_index: 0, item })
  return { data, bytes: Buffer.from('event: response.output_item.done\\ndata: ' + data + '\\n\\n') }
}`
const frame = new Function(`return ${FRAME_SOURCE}`)() as (bytes: number) => { data: string; bytes: Buffer }

const SERVER = `
const http = require('node:http')
const { bytes } = (${FRAME_SOURCE})(Number(process.argv[1]))
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' })
  let i = 0
  const next = () => {
    while (i < bytes.length) if (!res.write(bytes.subarray(i, (i += ${WRITE})))) return void res.once('drain', next)
    res.end()
  }
  next()
})
server.listen(0, '127.0.0.1', () => console.log(server.address().port))
`

/** Best of the rounds: on a shared machine the minimum is the cost, the rest is other load. */
const best = (xs: number[]) => Math.min(...xs)

export async function sseFrameBench(megabytes = 16, rounds = 5): Promise<FrameBenchResult> {
  const size = megabytes * 1024 * 1024
  const { data, bytes } = frame(size)
  const chunks: Buffer[] = []
  for (let i = 0; i < bytes.length; i += WRITE) chunks.push(bytes.subarray(i, i + WRITE))

  const json: number[] = []
  const parser: number[] = []
  for (let r = 0; r < rounds; r++) {
    let t = performance.now()
    JSON.parse(data)
    json.push(performance.now() - t)

    t = performance.now()
    let got = 0
    const p = new SseParser((d) => (got += d.length))
    const decoder = new StringDecoder('utf8')
    for (const c of chunks) p.push(decoder.write(c))
    parser.push(performance.now() - t)
    if (got !== data.length) throw new Error('frame bench: the parser lost the frame')
  }
  const overHttp = await viaHttp(size, data.length, rounds)
  return {
    megabytes,
    jsonParseMs: best(json),
    parserMs: best(parser),
    httpMs: best(overHttp.map((x) => x.wall)),
    httpCpuMs: best(overHttp.map((x) => x.cpu)),
  }
}

async function viaHttp(
  size: number,
  expected: number,
  rounds: number,
): Promise<{ wall: number; cpu: number }[]> {
  const child = spawn(process.execPath, ['-e', SERVER, String(size)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (c: Buffer) => resolve(Number(String(c).trim())))
      child.once('exit', () => reject(new Error('frame bench server exited')))
    })
    const out: { wall: number; cpu: number }[] = []
    for (let r = 0; r < rounds; r++) {
      let got = 0
      const t = performance.now()
      const cpu = process.cpuUsage()
      await streamHttp(
        {
          url: `http://127.0.0.1:${port}/responses`,
          headers: {},
          body: new Uint8Array(),
          signal: new AbortController().signal,
          idleTimeoutMs: 60_000,
        },
        () => {},
        {
          data(text) {
            if (parseWireEvent(text).type === 'response.output_item.done') got = text.length
            return false
          },
        },
      )
      const used = process.cpuUsage(cpu)
      out.push({ wall: performance.now() - t, cpu: (used.user + used.system) / 1000 })
      if (got !== expected) throw new Error('frame bench: the HTTP path lost the frame')
    }
    return out
  } finally {
    child.kill()
  }
}
