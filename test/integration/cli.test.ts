// The CLI as a process: the built `assistant` bin against the emulator.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { runProcess, type ProcessResult } from './run-process'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator, type Emulator } from '../emulator/index'
import { textAnswer, created, failed } from '../emulator/scripts'
import { nodeTool } from '../../scripts/package-bin.mjs'

const root = path.resolve(import.meta.dirname, '../..')
const bin = path.join(root, 'bin/assistant.mjs')
let emu: Emulator
let dataDir: string

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'out/main/cli.js'))) {
    const r = spawnSync(...nodeTool('electron-vite', ['build']), { cwd: root, stdio: 'ignore' })
    if (r.status !== 0) throw new Error('build failed')
  }
  emu = await startEmulator()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'))
}, 120_000)
afterAll(async () => {
  await emu?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

function run(args: string[], env: Record<string, string | undefined> = {}): Promise<ProcessResult> {
  return runProcess(
    [bin, ...args],
    {
      PATH: process.env.PATH,
      HOME: dataDir,
      OPENAI_API_KEY: 'sk-test-emulator',
      OPENAI_BASE_URL: emu.openaiBase,
      ...env,
    },
    undefined,
  )
}

describe('assistant exec', () => {
  it('--json prints every engine event as one JSON object per line, conversation id first', async () => {
    emu.script({ steps: textAnswer('Hello from the CLI.', { chunks: 3, phase: 'final_answer' }) })
    const r = await run([
      'exec',
      '--json',
      '--transport',
      'sse',
      '--model',
      'gpt-4o',
      '--data-dir',
      dataDir,
      'Say hello',
    ])
    expect(r.code).toBe(0)
    const events = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(events.every((e) => typeof e.type === 'string')).toBe(true)
    expect(events[0].type).toBe('session_configured')
    expect(events[0].conversationId).toMatch(/^[0-9a-f-]{36}$/)
    expect(
      events
        .filter((e) => e.type === 'agent_message_delta')
        .map((e) => e.delta)
        .join(''),
    ).toBe('Hello from the CLI.')
    expect(events.find((e) => e.type === 'agent_message')).toMatchObject({ phase: 'final_answer' })
    expect(events.at(-1).type).toBe('turn_complete')
    expect(fs.existsSync(path.join(dataDir, 'conversations', `${events[0].conversationId}.jsonl`))).toBe(true)
  })

  it('human mode streams the text to stdout and a one-line summary to stderr; --conversation continues', async () => {
    emu.script({ steps: textAnswer('First.', { usage: { input_tokens: 7, output_tokens: 2 } }) })
    const first = await run(['exec', '--transport', 'sse', '--model', 'gpt-4o', '--data-dir', dataDir, 'One'])
    expect(first.code).toBe(0)
    expect(first.out).toBe('First.\n')
    expect(first.err).toMatch(/gpt-4o · 7 in \/ 2 out tokens · \d+\.\d s/)
    const id = /conversation ([0-9a-f-]{36})/.exec(first.err)![1]!
    emu.script({ steps: textAnswer('Second.') })
    const second = await run([
      'exec',
      '--transport',
      'sse',
      '--conversation',
      id,
      '--data-dir',
      dataDir,
      'Two',
    ])
    expect(second.code).toBe(0)
    const body = emu.responsesRequests().at(-1)!.body as { input: { content: { text: string }[] }[] }
    expect(body.input.map((i) => i.content[0]!.text)).toEqual(['One', 'First.', 'Two'])
  })

  it('exits non-zero with one line on stderr: missing key, unknown conversation, stream failure, HTTP error', async () => {
    const noKey = await run(['exec', '--data-dir', dataDir, 'hi'], { OPENAI_API_KEY: '' })
    expect(noKey.code).not.toBe(0)
    expect(noKey.err.trim().split('\n')).toEqual(['assistant: OPENAI_API_KEY is not set'])

    const unknown = await run([
      'exec',
      '--conversation',
      '00000000-0000-4000-8000-000000000000',
      '--data-dir',
      dataDir,
      'hi',
    ])
    expect(unknown.code).not.toBe(0)
    expect(unknown.err).toMatch(/^assistant: no conversation 00000000/)

    emu.script({
      steps: [created(), failed({ code: 'insufficient_quota', message: 'You exceeded your quota.' })],
    })
    const quota = await run(['exec', '--transport', 'sse', '--model', 'gpt-4o', '--data-dir', dataDir, 'hi'])
    expect(quota.code).toBe(1)
    expect(quota.err.trim().split('\n').at(-1)).toBe('error: You exceeded your quota.')

    emu.script({
      status: 400,
      body: { error: { message: 'Unsupported model', type: 'invalid_request_error' } },
    })
    const bad = await run(['exec', '--transport', 'sse', '--model', 'gpt-4o', '--data-dir', dataDir, 'hi'])
    expect(bad.code).toBe(1)
    expect(bad.err.trim().split('\n').at(-1)).toBe('error: Request failed (HTTP 400): Unsupported model')
    expect(bad.err).not.toMatch(/\n\s+at /)
  })

  it('rejects bad usage with the usage text', async () => {
    const r = await run(['exec', '--transport', 'carrier-pigeon', 'hi'])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/unknown transport "carrier-pigeon"\nusage: assistant exec/)
  })
})
