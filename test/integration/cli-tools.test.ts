// `assistant exec --mcp-config FILE --approve all|none --json`: tool events on stdout, the
// real server-everything called through the built CLI (issue 15).
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runProcess, type ProcessResult } from './run-process'
import { startEmulator, type Emulator } from '../emulator/index'
import { textAnswer, toolCallResponse } from '../emulator/scripts'
import { everything } from './tools-helpers'

const root = path.resolve(import.meta.dirname, '../..')
const bin = path.join(root, 'bin/assistant.mjs')
let emu: Emulator
let dir: string
let config: string

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'out/main/cli.js'))) {
    const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' })
    if (r.status !== 0) throw new Error('build failed')
  }
  emu = await startEmulator()
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-tools-'))
  config = path.join(dir, 'mcp.json')
  fs.writeFileSync(config, JSON.stringify({ servers: [everything()] }))
}, 120_000)
afterAll(async () => {
  await emu?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

function run(args: string[]): Promise<ProcessResult> {
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    OPENAI_API_KEY: 'sk-test-emulator',
    OPENAI_BASE_URL: emu.openaiBase,
  }
  return runProcess([bin, 'exec', '--transport', 'sse', '--data-dir', dir, ...args], env, undefined)
}

describe('assistant exec with MCP tools', () => {
  it('--approve all --json runs the call and prints the tool events', async () => {
    emu.script(
      { steps: toolCallResponse('everything__get-sum', { a: 1, b: 2 }, 'cli1') },
      { steps: textAnswer('3') },
    )
    const r = await run(['--mcp-config', config, '--approve', 'all', '--json', 'add 1 and 2'])
    expect(r.code).toBe(0)
    const events = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    const types = events.map((e) => e.type)
    expect(types).toContain('tool_call_started')
    expect(events.find((e) => e.type === 'tool_call_finished')).toMatchObject({
      callId: 'cli1',
      status: 'ok',
      output: 'The sum of 1 and 2 is 3.',
    })
    expect(types.at(-1)).toBe('turn_complete')
  })

  it('--approve none denies and tells the model; text mode prints a tool line', async () => {
    emu.script(
      { steps: toolCallResponse('everything__echo', { message: 'x' }, 'cli2') },
      { steps: textAnswer('ok') },
    )
    const r = await run(['--mcp-config', config, '--approve', 'none', 'echo x'])
    expect(r.code).toBe(0)
    expect(r.err).toMatch(/\[tool\] everything\/echo denied in \d+ ms: The user denied/)
    const last = emu.responsesRequests().at(-1)!.body as { input: { type: string; output?: string }[] }
    expect(last.input.at(-1)!.output).toMatch(/^The user denied/)
  })

  it('a bad config file is a clear error', async () => {
    const bad = path.join(dir, 'bad.json')
    fs.writeFileSync(bad, JSON.stringify({ servers: [{ name: 'x y', transport: 'stdio', command: 'a' }] }))
    const r = await run(['--mcp-config', bad, 'hi'])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/invalid --mcp-config .*servers\.0\.name: server names are/)
  })
})
