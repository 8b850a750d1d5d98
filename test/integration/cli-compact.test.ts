// `assistant compact` and the compaction events of `exec --json`, as processes against the emulator.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { runProcess, type ProcessResult } from './run-process'
import { harness, type Harness } from './harness'
import { drive, scriptAnswers } from './compaction-helpers'
import { textAnswer } from '../emulator/scripts'

const root = path.resolve(import.meta.dirname, '../..')
const bin = path.join(root, 'bin/assistant.mjs')
let h: Harness

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'out/main/cli.js'))) {
    const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' })
    if (r.status !== 0) throw new Error('build failed')
  }
  h = await harness({ emulator: { contextWindow: 4000 } })
}, 120_000)
afterAll(async () => h?.close())

function run(args: string[]): Promise<ProcessResult> {
  const env = { PATH: process.env.PATH, HOME: os.tmpdir(), OPENAI_API_KEY: 'sk-test-emulator' }
  return runProcess([bin, ...args, '--data-dir', h.dataDir, '--base-url', h.emu.openaiBase], env, undefined)
}

const jsonLines = (out: string) =>
  out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; [k: string]: unknown })

describe('assistant compact', () => {
  it('compacts a stored conversation; --json prints the events; exec --json shows an overflow compaction', async () => {
    scriptAnswers(h.emu, 16)
    const id = await drive(h, 8)
    const other = randomUUID()
    for (let i = 1; i <= 8; i++) await h.turn(`Question ${i}`, { conversationId: other })
    await h.session.close()

    const r = await run(['compact', '--conversation', id, '--json'])
    expect(r.code).toBe(0)
    const events = jsonLines(r.out)
    expect(events.map((e) => e.type)).toEqual(['compaction_started', 'context_compacted', 'token_count'])
    expect(events[1]).toMatchObject({ conversationId: id, mode: 'remote', reason: 'manual', itemsDropped: 0 })
    expect(h.emu.compactRequests()).toHaveLength(1)

    const plain = await run(['compact', '--conversation', id])
    expect(plain.code).toBe(0)
    expect(plain.err).toMatch(/compacted \(remote\): \S+ → \S+ tokens/)

    // exec: a window too small for the next turn → context_length_exceeded → compact and resend.
    h.emu.setContextWindow(1000)
    h.emu.script({ steps: textAnswer('Answered after compaction.') })
    const exec = await run(['exec', '--json', '--transport', 'sse', '--conversation', other, 'One more'])
    expect(exec.code).toBe(0)
    const types = jsonLines(exec.out).map((e) => e.type)
    expect(types).toContain('compaction_started')
    expect(types.indexOf('context_compacted')).toBeLessThan(types.lastIndexOf('turn_complete'))
    expect(types.filter((t) => t === 'turn_started')).toHaveLength(2)

    const missing = await run(['compact', '--conversation', '00000000-0000-4000-8000-000000000000'])
    expect(missing.code).toBe(2)
    expect(missing.err).toMatch(/no conversation/)
  }, 60_000)
})
