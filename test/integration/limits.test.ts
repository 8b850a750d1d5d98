// Issue 11, finding 3: descriptors and memory are released. One engine in a child process limited
// to 256 descriptors (the macOS shell default) runs 1,000 conversations in a row over the
// WebSocket transport; every turn completes and the descriptor count stays flat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { startEmulator, type Emulator } from '../emulator/index'
import { textAnswer } from '../emulator/scripts'

const root = path.resolve(import.meta.dirname, '../..')
const CONVERSATIONS = 1000
let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator()
})
afterAll(async () => {
  await emu.close()
})

function runLimited(env: Record<string, string>): Promise<{ code: number; lines: unknown[]; err: string }> {
  return new Promise((resolve) => {
    const fixture = path.join(root, 'test/integration/conversation-flood.fixture.ts')
    const child = spawn(
      'bash',
      ['-c', `ulimit -n 256 && exec "${process.execPath}" --expose-gc --import tsx "${fixture}"`],
      {
        cwd: root,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (err += c))
    child.on('close', (code) => {
      const lines = out
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as unknown)
      resolve({ code: code ?? -1, lines, err })
    })
  })
}

describe('descriptors and memory stay bounded', () => {
  it(`runs ${CONVERSATIONS} conversations in a row under ulimit -n 256 with a flat descriptor count`, async () => {
    for (let i = 0; i < CONVERSATIONS; i++) emu.script({ steps: textAnswer(`answer ${i}`) })
    const r = await runLimited({ EMU_BASE: emu.openaiBase, FLOOD_COUNT: String(CONVERSATIONS) })
    // LIMITS_LOG=file keeps the samples (descriptor counts, RSS) for a report.
    if (process.env.LIMITS_LOG)
      fs.writeFileSync(process.env.LIMITS_LOG, r.lines.map((l) => JSON.stringify(l)).join('\n'))
    const samples = r.lines.filter(
      (l): l is { at: number; fds: number; heap: number } => typeof (l as { at?: unknown }).at === 'number',
    )
    const done = r.lines.find((l) => (l as { done?: boolean }).done) as
      { ok: number; failures: string[] } | undefined
    expect(r.err).not.toMatch(/EMFILE/)
    expect(r.code).toBe(0)
    expect(done?.failures).toEqual([])
    expect(done?.ok).toBe(CONVERSATIONS)
    // Flat: after the first stretch of conversations (caches filled), the count does not grow.
    const settled = samples.filter((s) => s.at >= 200).map((s) => s.fds)
    expect(settled.length).toBeGreaterThan(10)
    expect(Math.max(...settled) - Math.min(...settled)).toBeLessThanOrEqual(8)
    expect(Math.max(...samples.map((s) => s.fds))).toBeLessThan(150)
    // Memory: idle conversations are evicted, so the heap after a GC does not grow with them.
    const heapAt = (n: number) => samples.find((s) => s.at === n)?.heap ?? NaN
    expect(heapAt(CONVERSATIONS) - heapAt(200)).toBeLessThan(3 * 1024 * 1024)
    // Every conversation really opened its own model socket (and the engine closed them).
    expect(emu.requests.filter((q) => q.transport === 'ws-handshake').length).toBe(CONVERSATIONS)
  }, 120_000)
})
