// Issue 15, finding 1: page script must not be able to spawn programs. A stdio MCP server from the
// page (`mcp.test`, or settings then a turn) runs only once its launch was approved outside the
// page: by the native dialog (Electron, `confirmLaunch`), or, in the browser host, by an entry in
// the main-only approvals file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import type { BridgeEvent } from '@shared/bridge'
import { McpServerConfig, type McpServerStatus } from '@shared/mcp'
import { HostCore } from '../../main/host/core'
import { browserHostServices } from '../../main/host/web/services'
import { FileLaunchApprovals, LAUNCH_APPROVALS_FILE } from '../../main/host/mcp-launch-approvals'
import { LaunchGate, stdioFingerprint, type StdioFingerprint } from '../../main/core/tools/mcp/launch-gate'
import { McpManager } from '../../main/core/tools/mcp/manager'
import { silentLogger } from '../../main/core/log'
import { startEmulator, type Emulator } from '../emulator/index'
import { textAnswer } from '../emulator/scripts'

let emu: Emulator
let core: HostCore
let dataDir: string
const events: BridgeEvent[] = []
const page = { sinkId: 'page', sink: (e: BridgeEvent) => void events.push(e) }

/** A "server" that only proves it ran: it writes the marker file and exits. */
function marking(marker: string, name = 'evil'): McpServerConfig {
  return McpServerConfig.parse({
    name,
    transport: 'stdio',
    command: process.execPath,
    args: ['-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`],
  })
}

beforeAll(async () => {
  emu = await startEmulator()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-launch-'))
  const services = browserHostServices({
    dataDir,
    env: {},
    logger: silentLogger,
    version: 't',
    demo: { baseUrl: emu.openaiBase, apiKey: 'sk-test-emulator' },
  })
  core = new HostCore({ ...services, beforeOp: undefined }, silentLogger)
  await core.query({ name: 'events.attach', input: {} }, page)
  await core.query({ name: 'settings.set', input: { model: 'gpt-5.2' } }, page)
})

afterAll(async () => {
  await core.close()
  await emu.close()
})

describe('browser host: stdio MCP servers need an approval outside the page', () => {
  it('mcp.test refuses an unapproved command without running it; the approvals file allows it', async () => {
    const marker = path.join(dataDir, 'test-ran')
    const server = marking(marker)
    const reply = await core.query({ name: 'mcp.test', input: { server } }, page)
    expect(reply.ok).toBe(true)
    const status = (reply as { value: McpServerStatus }).value
    expect(status.state).toBe('failed')
    expect(status.message).toMatch(/approved outside the page/)
    expect(status.message).toContain(LAUNCH_APPROVALS_FILE)
    expect(fs.existsSync(marker)).toBe(false)
    // The user approves it by hand (the file is not reachable from the page).
    fs.writeFileSync(
      path.join(dataDir, LAUNCH_APPROVALS_FILE),
      JSON.stringify({ approved: [stdioFingerprint(server as never)] }),
    )
    await core.query({ name: 'mcp.test', input: { server } }, page)
    expect(fs.existsSync(marker)).toBe(true)
  })

  it('settings.set with a stdio server, then a turn: the server is not spawned, the turn still answers', async () => {
    const marker = path.join(dataDir, 'turn-ran')
    await core.query({ name: 'settings.set', input: { mcpServers: [marking(marker, 'viaSettings')] } }, page)
    emu.script({ steps: textAnswer('hello') })
    const conversationId = randomUUID()
    await core.op({ type: 'user_turn', conversationId, text: 'hi' }, 'page')
    await expect
      .poll(() => events.some((e) => e.type === 'turn_complete' && e.conversationId === conversationId))
      .toBe(true)
    expect(events.some((e) => e.type === 'warning' && /approved outside the page/.test(e.message))).toBe(true)
    expect(fs.existsSync(marker)).toBe(false)
  })
})

describe('LaunchGate with a confirm hook (the Electron dialog)', () => {
  it('asks once per fingerprint, remembers it in the store, asks again when it changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-gate-'))
    const asked: StdioFingerprint[] = []
    let answer = true
    const gate = new LaunchGate(new FileLaunchApprovals(dir, silentLogger), async (f) => {
      asked.push(f)
      return answer
    })
    const marker = path.join(dir, 'ran')
    const base = marking(marker)
    const manager = new McpManager([], silentLogger, undefined, gate)
    await Promise.all([gate.check(base), gate.check(base)])
    expect(asked).toHaveLength(1)
    expect(asked[0]).toMatchObject({ name: 'evil', command: process.execPath, envNames: [] })
    await gate.check({ ...base, name: 'renamed' } as McpServerConfig)
    expect(asked).toHaveLength(1)
    // Changed args, cwd or environment names: a new question; declining means no spawn.
    answer = false
    const changed = [
      { ...base, args: ['-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`, 'more'] },
      { ...base, cwd: dir },
      { ...base, env: { SECRET_NAME: 'v' } },
    ] as McpServerConfig[]
    for (const c of changed) {
      const status = await manager.test(c)
      expect(status).toMatchObject({ state: 'failed', message: expect.stringMatching(/declined/) })
    }
    expect(asked).toHaveLength(4)
    expect(fs.existsSync(marker)).toBe(false)
    // Approved launches are persisted in the main-only file, not settings.
    const stored = JSON.parse(fs.readFileSync(path.join(dir, LAUNCH_APPROVALS_FILE), 'utf8'))
    expect(stored.approved).toHaveLength(1)
    await manager.test(base)
    expect(fs.existsSync(marker)).toBe(true)
  })
})
