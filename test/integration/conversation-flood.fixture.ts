// Child process for limits.test.ts: one engine runs N conversations in a row (each a new
// conversation, one turn, over the WebSocket transport) against the emulator at EMU_BASE, and
// prints a JSON line with the open descriptor count every STRIDE conversations.
//   node --import tsx test/integration/conversation-flood.fixture.ts
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { Session } from '../../main/core/session'
import { makeProvider } from '../../main/core/provider-factory'

const count = Number(process.env.FLOOD_COUNT ?? 1000)
const stride = Number(process.env.FLOOD_STRIDE ?? 50)
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flood-'))
const fds = () => fs.readdirSync('/proc/self/fd').length
const provider = makeProvider({
  id: 'openai',
  baseUrl: process.env.EMU_BASE ?? '',
  apiKey: 'sk-test-emulator',
  websockets: true,
})
const session = new Session({ provider, dataDir, transport: 'auto', model: 'gpt-5.2' })
let ok = 0
const failures: string[] = []
session.subscribe((e) => {
  if (e.type === 'turn_complete') ok++
  if (e.type === 'error' && failures.length < 5) failures.push(e.message)
})
const out = (v: unknown) => process.stdout.write(JSON.stringify(v) + '\n')
out({ at: 0, fds: fds(), ok })
for (let i = 1; i <= count; i++) {
  await session.submit({ type: 'user_turn', conversationId: randomUUID(), text: `conversation ${i}` })
  if (i % stride === 0) {
    ;(globalThis as { gc?: () => void }).gc?.()
    out({ at: i, fds: fds(), ok, rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed })
  }
}
out({ done: true, ok, failures })
await session.close()
fs.rmSync(dataDir, { recursive: true, force: true })
