// `assistant exec --conversation ID --regenerate`: a new answer to the last message, as a sibling.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { runProcess, type ProcessResult } from './run-process'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator, type Emulator } from '../emulator/index'
import { textAnswer } from '../emulator/scripts'
import { nodeTool } from '../../scripts/package-bin.mjs'
import { HistoryStore } from '../../main/core/history/store'
import { inputOf, textOf } from './compaction-helpers'

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
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-branches-'))
}, 120_000)
afterAll(async () => {
  await emu?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const run = (args: string[]): Promise<ProcessResult> =>
  runProcess(
    [bin, 'exec', '--transport', 'sse', '--model', 'gpt-4o', '--data-dir', dataDir, ...args],
    {
      PATH: process.env.PATH,
      HOME: dataDir,
      OPENAI_API_KEY: 'sk-test-emulator',
      OPENAI_BASE_URL: emu.openaiBase,
    },
    undefined,
  )

describe('assistant exec --regenerate', () => {
  it('answers the last message again as a sibling; the request carries only the path', async () => {
    emu.script({ steps: textAnswer('First.') })
    emu.script({ steps: textAnswer('Second.') })
    emu.script({ steps: textAnswer('Second, again.') })
    const first = await run(['Q1'])
    expect(first.code).toBe(0)
    const id = /conversation (\S+)/.exec(first.err)![1]!
    expect((await run(['--conversation', id, 'Q2'])).code).toBe(0)
    const r = await run(['--conversation', id, '--regenerate'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('Second, again.')
    expect(inputOf(emu.responsesRequests().at(-1)).map(textOf)).toEqual(['Q1', 'First.', 'Q2'])
    const store = new HistoryStore(dataDir)
    const c = store.load(id)!.conversation
    store.close()
    expect(c.items.map((i) => textOf(i.item as never))).toEqual(['Q1', 'First.', 'Q2', 'Second, again.'])
    expect(Object.values(c.branches!.siblings)[0]).toHaveLength(2)
  })

  it('needs --conversation', async () => {
    const r = await run(['--regenerate'])
    expect(r.code).not.toBe(0)
    expect(r.err).toContain('--regenerate needs --conversation ID')
  })
})
