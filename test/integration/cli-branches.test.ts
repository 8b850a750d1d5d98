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

  it('export (md, html, json), backup and restore through the CLI', async () => {
    const cli = (args: string[]) =>
      runProcess([bin, ...args], { PATH: process.env.PATH, HOME: dataDir }, undefined)
    const store = new HistoryStore(dataDir)
    const id = store.list()[0]!.id
    store.close()
    const md = await cli(['export', '--conversation', id, '--format', 'md', '--data-dir', dataDir])
    expect(md.code).toBe(0)
    expect(md.out).toContain('### Assistant\n\nSecond, again.')
    const out = path.join(dataDir, 'c.html')
    const html = await cli([
      'export',
      '--conversation',
      id,
      '--format',
      'html',
      '--out',
      out,
      '--data-dir',
      dataDir,
    ])
    expect(html.code).toBe(0)
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^<!doctype html>[\s\S]*Second, again\./)
    const json = await cli(['export', '--conversation', id, '--format', 'json', '--data-dir', dataDir])
    expect(JSON.parse(json.out)).toMatchObject({ format: 'assistant.conversation', version: 1, id })
    const bad = await cli(['export', '--conversation', id, '--format', 'pdf', '--data-dir', dataDir])
    expect(bad.code).not.toBe(0)
    expect(bad.err).toContain('unknown format "pdf"')
    const archive = path.join(dataDir, 'b.tar.gz')
    const b = await cli(['backup', '--out', archive, '--data-dir', dataDir, '--progress'])
    expect(b.code).toBe(0)
    expect(b.out).toMatch(/backed up 1 conversation\(s\)/)
    // --progress: a line per phase and 10% on stderr, ending at 100%.
    expect(b.err).toContain('backup: reading files 100%\n')
    expect(b.err.trim().split('\n').at(-1)).toBe('backup: writing the archive 100%')
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-restore-'))
    const r = await cli(['restore', archive, '--data-dir', fresh, '--progress'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('1 conversation(s) added')
    expect(r.err).toContain('restore: checking the archive 100%\n')
    expect(r.err.trim().split('\n').at(-1)).toBe('restore: putting files in place 100%')
    fs.writeFileSync(archive, 'garbage')
    const corrupt = await cli(['restore', archive, '--data-dir', fresh])
    expect(corrupt.code).not.toBe(0)
    expect(corrupt.err).toContain('nothing was changed')
    fs.rmSync(fresh, { recursive: true, force: true })
  })

  it('needs --conversation', async () => {
    const r = await run(['--regenerate'])
    expect(r.code).not.toBe(0)
    expect(r.err).toContain('--regenerate needs --conversation ID')
  })
})
