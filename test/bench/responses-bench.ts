// Responses stream throughput: this engine vs the `openai` package vs a minimal hand parser,
// the same N-delta stream from a server in a separate process, measured side by side.
// Each candidate lives in its own client process (responses-candidate.ts) and the rounds
// alternate between them: no candidate pays for another's garbage or JIT state, and no forced
// GC is needed between runs (a forced GC kills the hidden classes of the parsed events and
// deoptimises whoever parses them next, which no real turn sees).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fork, type ChildProcess } from 'node:child_process'
import type { BenchServer } from './bench-server'
import type { Measure } from './responses-candidate'

export interface Row {
  name: string
  m: Measure
}

class CandidateProcess {
  private constructor(private readonly child: ChildProcess) {}

  static start(name: string, base: string, dataDir: string): Promise<CandidateProcess> {
    const script = path.join(import.meta.dirname, 'responses-candidate.ts')
    const child = fork(script, [name, base, dataDir], { execArgv: ['--import', 'tsx'], stdio: 'inherit' })
    return new Promise((resolve, reject) => {
      child.once('error', reject)
      child.once('message', (m) =>
        m === 'ready' ? resolve(new CandidateProcess(child)) : reject(new Error(String(m))),
      )
    })
  }

  run(): Promise<Measure> {
    return new Promise((resolve, reject) => {
      // A candidate that dies mid-run fails the bench instead of hanging it.
      const onExit = (code: number | null) => reject(new Error(`candidate process exited (${code})`))
      this.child.once('exit', onExit)
      this.child.once('message', (m: Measure | { error: string }) => {
        this.child.off('exit', onExit)
        if ('error' in m) reject(new Error(m.error))
        else resolve(m)
      })
      this.child.send('run')
    })
  }

  stop(): void {
    this.child.kill()
  }
}

async function rounds(names: string[], base: string, dataDir: string, n: number): Promise<Row[]> {
  const procs = await Promise.all(names.map((name) => CandidateProcess.start(name, base, dataDir)))
  try {
    const all: Measure[][] = names.map(() => [])
    // Two unmeasured warm-up runs each, so JIT compilation is not timed.
    for (const p of procs) for (let w = 0; w < 2; w++) await p.run()
    for (let r = 0; r < n; r++) {
      // Rotate the order so no candidate always runs first or last.
      for (let i = 0; i < names.length; i++) {
        const k = (i + r) % names.length
        const m = await procs[k]!.run()
        if (process.env.BENCH_VERBOSE)
          console.log(`    round ${r + 1} ${names[k]}: ${m.wallMs.toFixed(0)} ms`)
        all[k]!.push(m)
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    return names.map((name, k) => {
      const ms = all[k]!
      return {
        name,
        m: {
          wallMs: median(ms.map((x) => x.wallMs)),
          cpuMs: median(ms.map((x) => x.cpuMs)),
          deltas: ms[0]!.deltas,
        },
      }
    })
  } finally {
    for (const p of procs) p.stop()
  }
}

export async function responsesBench(server: BenchServer, deltas: number, n: number) {
  const base = `http://127.0.0.1:${server.port}/v1`
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'))
  try {
    const sse = await rounds(['engine (SSE)', 'openai package (SSE)', 'hand parser (SSE)'], base, dataDir, n)
    const ws = await rounds(
      ['engine (WebSocket)', 'openai package (WebSocket)', 'bare ws + JSON.parse'],
      base,
      dataDir,
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
