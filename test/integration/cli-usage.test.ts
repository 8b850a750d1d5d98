// The CLI behaves like a CLI: --help and COMMAND --help print usage and exit 0, --version prints the
// version, unknown flags fail with the usage and exit 2, and `exec -` reads the prompt from
// standard input (the built bin, as a process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator, type Emulator } from '../emulator/index'
import { textAnswer } from '../emulator/scripts'
import { nodeTool } from '../../scripts/package-bin.mjs'
import { COMMANDS, OPTIONS, usageText, wantsHelp } from '../../main/cli-usage'

const root = path.resolve(import.meta.dirname, '../..')
const bin = path.join(root, 'bin/assistant.mjs')
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
let emu: Emulator
let dataDir: string

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'out/main/cli.js'))) {
    const r = spawnSync(...nodeTool('electron-vite', ['build']), { cwd: root, stdio: 'ignore' })
    if (r.status !== 0) throw new Error('build failed')
  }
  emu = await startEmulator()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-usage-'))
}, 120_000)
afterAll(async () => {
  await emu?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** Run the bin; `stdin` is piped in (or stdin is closed empty). */
function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: dataDir,
        OPENAI_API_KEY: 'sk-test-emulator',
        OPENAI_BASE_URL: emu.openaiBase,
      },
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (err += c))
    child.on('error', (e) => resolve({ code: -1, out, err: err + String(e) }))
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }))
    child.stdin.end(stdin)
  })
}

describe('assistant usage', () => {
  it('--help and -h: the commands on standard output, exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await run([flag])
      expect(r.code).toBe(0)
      expect(r.out).toBe(usageText() + '\n')
      for (const [name] of COMMANDS) expect(r.out).toContain(`  ${name} `)
      expect(r.err).toBe('')
    }
  })

  it('exec --help and realtime --help: that command’s options, exit 0', async () => {
    for (const command of ['exec', 'realtime']) {
      const r = await run([command, '--help'])
      expect(r.code).toBe(0)
      expect(r.out.startsWith(`usage: assistant ${command} `)).toBe(true)
      for (const [flag] of OPTIONS[command]!.options) expect(r.out).toContain(flag)
    }
    // -h anywhere among the options, but not as prompt text after `--`.
    expect(wantsHelp(['--model', 'x', '-h'])).toBe(true)
    expect(wantsHelp(['--', '-h'])).toBe(false)
  })

  it('--version prints the package version', async () => {
    const r = await run(['--version'])
    expect(r).toMatchObject({ code: 0, out: `${pkg.version}\n` })
  })

  it('unknown flags fail with the command’s usage and exit 2', async () => {
    const exec = await run(['exec', '--bogus', 'hi'])
    expect(exec.code).toBe(2)
    expect(exec.err).toMatch(/^assistant: Unknown option '--bogus'.*\nusage: assistant exec /)
    const rt = await run(['realtime', '--bogus'])
    expect(rt.code).toBe(2)
    expect(rt.err).toMatch(/^assistant: Unknown option '--bogus'.*\nusage: assistant realtime /)
    const cmd = await run(['frobnicate'])
    expect(cmd.code).toBe(2)
    expect(cmd.err).toMatch(/^assistant: unknown command "frobnicate"\nusage: assistant COMMAND/)
    // No command at all is a usage error too (exit 2, usage on standard error).
    expect(await run([])).toMatchObject({ code: 2, out: '', err: usageText() + '\n' })
  })
})

describe('assistant exec -', () => {
  it('reads the prompt from standard input', async () => {
    emu.script({ steps: textAnswer('Piped answer.', { chunks: 2 }) })
    const prompt = 'Summarise this:\nline one\nline two'
    const r = await run(
      ['exec', '--transport', 'sse', '--model', 'gpt-4o', '--data-dir', dataDir, '-'],
      prompt,
    )
    expect(r.code, r.err).toBe(0)
    expect(r.out).toBe('Piped answer.\n')
    expect(JSON.stringify(emu.responsesRequests().at(-1)?.body)).toContain(
      JSON.stringify(prompt).slice(1, -1),
    )
  })

  it('empty standard input is a usage error', async () => {
    const r = await run(['exec', '-'], '  \n')
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/^assistant: standard input held no prompt\nusage: assistant exec /)
  })
})
