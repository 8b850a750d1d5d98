// Mutated streams through the real CLI process (`assistant exec`), as the probe ran
// them: the process must exit in time with 0 or 1, and print no stack trace.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startFuzzServer } from './server'
import type { FuzzCase } from './mutations'

const root = path.resolve(import.meta.dirname, '../..')
const STACK = /^\s+at .+(:\d+:\d+\)?|native\)?)$|Uncaught|RangeError|TypeError|ReferenceError/m
const HANG_MS = 60_000

export interface CliReport {
  runs: number
  hangs: number
  stackTraces: number
  failures: string[]
}

export async function runCliCases(cases: FuzzCase[]): Promise<CliReport> {
  if (!fs.existsSync(path.join(root, 'out/main/cli.js'))) {
    const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' })
    if (r.status !== 0) throw new Error('build failed')
  }
  const server = await startFuzzServer()
  const report: CliReport = { runs: 0, hangs: 0, stackTraces: 0, failures: [] }
  try {
    for (const c of cases) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-cli-'))
      server.serve(c, 1)
      const r = await run(server.url, c, dataDir)
      fs.rmSync(dataDir, { recursive: true, force: true })
      report.runs++
      const tag = `CLI seed ${c.seed} (${c.transport}) [${c.mutations.join(' ')}]`
      if (r.code === null) {
        report.hangs++
        report.failures.push(`${tag}: hang`)
      } else if (STACK.test(r.err) || (r.code !== 0 && r.code !== 1)) {
        report.stackTraces++
        report.failures.push(`${tag}: exit ${r.code}\n${r.err.slice(0, 1500)}`)
      }
    }
  } finally {
    await server.close()
  }
  return report
}

function run(url: string, c: FuzzCase, dataDir: string): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const args = [
      path.join(root, 'bin/assistant.mjs'),
      'exec',
      '--json',
      '--model',
      'gpt-4o',
      '--transport',
      c.transport === 'ws' ? 'auto' : 'sse',
      '--idle-timeout-ms',
      '1500',
      '--data-dir',
      dataDir,
      'Tell me something.',
    ]
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH, HOME: dataDir, OPENAI_API_KEY: 'sk-fuzz', OPENAI_BASE_URL: `${url}/v1` },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let err = ''
    child.stderr.on('data', (d) => (err += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_MS)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code: signal === 'SIGKILL' ? null : code, err })
    })
  })
}
