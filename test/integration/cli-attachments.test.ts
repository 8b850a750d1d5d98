// `assistant exec --image/--file/--effort` as a process against the emulator (issue 14).
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { runProcess, type ProcessResult } from './run-process'
import { startEmulator, type Emulator } from '../emulator/index'
import { textAnswer } from '../emulator/scripts'

const root = path.resolve(import.meta.dirname, '../..')
const bin = path.join(root, 'bin/assistant.mjs')
let emu: Emulator
let dir: string

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'out/main/cli.js'))) {
    const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' })
    if (r.status !== 0) throw new Error('build failed')
  }
  emu = await startEmulator()
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-att-'))
  const raw = Buffer.alloc(3000 * 1000 * 3, 0x40)
  await sharp(raw, { raw: { width: 3000, height: 1000, channels: 3 } })
    .jpeg()
    .toFile(path.join(dir, 'photo.jpg'))
  fs.writeFileSync(path.join(dir, 'r.pdf'), '%PDF-1.4\n%%EOF\n')
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'plain words\n')
}, 120_000)
afterAll(async () => {
  await emu?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

function run(args: string[]): Promise<ProcessResult> {
  return runProcess(
    [bin, 'exec', '--transport', 'sse', '--data-dir', path.join(dir, 'data'), ...args],
    {
      PATH: process.env.PATH,
      HOME: dir,
      OPENAI_API_KEY: 'sk-test-emulator',
      OPENAI_BASE_URL: emu.openaiBase,
    },
    undefined,
  )
}

describe('assistant exec with attachments and effort', () => {
  it('sends --image downscaled, --file as input_file, and --effort exactly', async () => {
    emu.script({ steps: textAnswer('Seen.') })
    const before = emu.responsesRequests().length
    const r = await run([
      '--model',
      'gpt-5.2',
      '--effort',
      'high',
      '--image',
      path.join(dir, 'photo.jpg'),
      '--file',
      path.join(dir, 'r.pdf'),
      '--file',
      path.join(dir, 'notes.txt'),
      'Describe',
    ])
    expect(r.code, r.err).toBe(0)
    const body = emu.responsesRequests()[before]!.body as Record<string, any>
    expect(body.reasoning).toEqual({ effort: 'high', summary: 'auto' })
    const parts = body.input[0].content
    expect(parts.map((p: { type: string }) => p.type)).toEqual([
      'input_text',
      'input_image',
      'input_file',
      'input_file',
    ])
    const jpeg = Buffer.from(parts[1].image_url.split(',')[1], 'base64')
    expect(parts[1].image_url.startsWith('data:image/jpeg;base64,')).toBe(true)
    const meta = await sharp(jpeg).metadata()
    expect([meta.width, meta.height]).toEqual([2048, 683])
    expect(parts.slice(2).map((p: { filename: string }) => p.filename)).toEqual(['r.pdf', 'notes.txt'])
  })

  it('an image alone is a prompt; nothing at all still needs a PROMPT', async () => {
    emu.script({ steps: textAnswer('A grey picture.') })
    const before = emu.responsesRequests().length
    const r = await run(['--model', 'gpt-5.2', '--image', path.join(dir, 'photo.jpg')])
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain('A grey picture.')
    const body = emu.responsesRequests()[before]!.body as Record<string, any>
    expect(body.input[0].content.map((p: { type: string }) => p.type)).toEqual(['input_image'])
    const none = await run(['--model', 'gpt-5.2'])
    expect(none.code).toBe(2)
    expect(none.err).toMatch(/a PROMPT is required/)
  })

  it('refuses a non-image given to --image, a missing file and an unknown effort', async () => {
    const before = emu.responsesRequests().length
    const notImage = await run(['--image', path.join(dir, 'notes.txt'), 'x'])
    expect(notImage.code).toBe(1)
    expect(notImage.err).toMatch(/notes\.txt is not a PNG, JPEG, WebP or GIF image/)
    const missing = await run(['--file', path.join(dir, 'nope.pdf'), 'x'])
    expect(missing.code).toBe(1)
    expect(missing.err).toMatch(/cannot read .*nope\.pdf: ENOENT/)
    const effort = await run(['--effort', 'maximum', 'x'])
    expect(effort.code).toBe(2)
    expect(effort.err).toMatch(/unknown effort "maximum"/)
    expect(emu.responsesRequests().length).toBe(before)
  })
})
