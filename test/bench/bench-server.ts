// Start test/bench/server.ts in its own process and wait for its port.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

export interface BenchServer {
  port: number
  child: ChildProcess
  stop(): void
}

export function startBenchServer(deltas: number): Promise<BenchServer> {
  const script = path.join(import.meta.dirname, 'server.ts')
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(deltas)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)))
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      const line = out.split('\n')[0]
      if (out.includes('\n') && line) resolve({ port: Number(line), child, stop: () => child.kill() })
    })
  })
}
