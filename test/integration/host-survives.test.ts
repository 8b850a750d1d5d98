// Issue 11, finding 1 (process level): one stream must not take the browser host down. The real
// host runs as a child process against the emulator; an answer carrying an item nested 5,000
// levels deep (which made the history append throw inside the socket callback and the process
// exit) ends that turn at worst, and the host keeps serving the next one. The last-resort guard
// itself is checked in its own child: an uncaught exception and an unhandled rejection are logged
// and the process lives on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import http from 'node:http'
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { WebSocket } from 'ws'
import { createBridge, type BridgeEvent } from '@shared/bridge'
import { createWsTransport, type WebSocketLike } from '@shared/bridge/ws-transport'
import { startEmulator, type Emulator } from '../emulator/index'
import { completed, created, textAnswer } from '../emulator/scripts'

const root = path.resolve(import.meta.dirname, '../..')
let emu: Emulator
let host: ChildProcess | null = null

beforeAll(async () => {
  emu = await startEmulator()
})
afterAll(async () => {
  host?.kill('SIGKILL')
  await emu.close()
})

function runFixture(env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/last-resort.fixture.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, ...env },
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (err += c))
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }))
  })
}

/** Start `main/web.ts` as a child; resolves with its one-time link. */
function startHost(): Promise<{ link: string; stderr: () => string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'survive-data-'))
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'survive-renderer-'))
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Assistant</title>')
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/web.ts', '--data-dir', dataDir, '--renderer', rendererDir],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        OPENAI_API_KEY: 'sk-test-emulator',
        OPENAI_BASE_URL: emu.openaiBase,
      },
    },
  )
  host = child
  let out = ''
  let err = ''
  child.stderr!.on('data', (c) => (err += c))
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`host exited ${code}: ${err}`)))
    child.stdout!.on('data', (c) => {
      out += c
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out)
      if (m) resolve({ link: m[1]!, stderr: () => err })
    })
  })
}

function cookieFrom(link: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(link, (res) => {
        res.resume()
        resolve(String(res.headers['set-cookie']).split(';')[0]!)
      })
      .on('error', reject)
  })
}

const deepItem = (depth: number) =>
  `{"type":"response.output_item.done","output_index":0,"item":{"type":"message","role":"assistant","id":"msg_deep","status":"completed","content":[{"type":"output_text","text":"deep","annotations":[]}],"x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`

describe('the host keeps serving', () => {
  it('the last-resort guard logs an uncaught exception and an unhandled rejection, and the process lives', async () => {
    const guarded = await runFixture({})
    expect(guarded.out).toContain('still serving')
    expect(guarded.code).toBe(0)
    expect(guarded.err).toMatch(/uncaught exception; the host keeps serving.*Maximum call stack/)
    expect(guarded.err).toMatch(/unhandled promise rejection; the host keeps serving.*nobody awaited/)
    // Without the guard the same process dies: the fixture really throws.
    const bare = await runFixture({ NO_GUARD: '1' })
    expect(bare.out).not.toContain('still serving')
    expect(bare.code).not.toBe(0)
  }, 30_000)

  it('a 5,000-level-deep item ends one turn at worst; the browser host answers the next', async () => {
    const { link, stderr } = await startHost()
    const cookie = await cookieFrom(link)
    const origin = new URL(link).origin
    const factory = (u: string) =>
      new WebSocket(u, { headers: { Cookie: cookie, Origin: origin } }) as unknown as WebSocketLike
    const transport = createWsTransport(`${origin.replace('http', 'ws')}/bridge`, factory)
    const bridge = createBridge(transport, { report: () => undefined })
    const events: BridgeEvent[] = []
    bridge.onEvent((e) => events.push(e))
    await bridge.query('settings.set', { model: 'gpt-5.2' })
    const ended = (id: string) =>
      events.find(
        (e) =>
          'conversationId' in e &&
          e.conversationId === id &&
          (e.type === 'turn_complete' || e.type === 'turn_aborted'),
      )
    const waitEnd = async (id: string) => {
      for (let i = 0; i < 500 && !ended(id); i++) await new Promise((r) => setTimeout(r, 20))
      return ended(id)
    }

    emu.script({ steps: [created(), { raw: deepItem(5000) }, completed()] })
    const deep = randomUUID()
    await bridge.submit({ type: 'user_turn', conversationId: deep, text: 'send the deep item' })
    expect(await waitEnd(deep)).toBeDefined()
    expect(host?.exitCode).toBeNull()

    emu.script({ steps: textAnswer('still here') })
    const next = randomUUID()
    await bridge.submit({ type: 'user_turn', conversationId: next, text: 'are you there?' })
    expect(await waitEnd(next)).toMatchObject({ type: 'turn_complete' })
    expect(events.some((e) => e.type === 'agent_message' && e.text === 'still here')).toBe(true)
    expect(stderr()).not.toMatch(/uncaught exception/)
    transport.close?.()
  }, 60_000)
})
