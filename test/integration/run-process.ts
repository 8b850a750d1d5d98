// Run a CLI as a child process and collect its exit code and output.
import { spawn } from 'node:child_process'

export interface ProcessResult {
  code: number
  out: string
  err: string
}

export function runProcess(
  args: string[],
  env: Record<string, string | undefined>,
  cwd?: string,
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, ...(cwd ? { cwd } : {}) })
    let out = ''
    let err = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (err += c))
    child.on('error', (e) => resolve({ code: -1, out, err: err + String(e) }))
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }))
  })
}
