// Issue 11, finding 1: one hostile answer must not kill the process. An output item carrying an
// unknown field nested thousands of levels deep is reduced to the fields we understand before it
// is stored or resent, over SSE and WebSocket, and an exception thrown while handling a stream
// event ends that turn with `error` + `turn_aborted` instead of escaping to the process.
import { describe, it, expect, afterEach } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { harness, type Harness } from './harness'
import type { ResponsesRequest } from '@shared/wire/request'
import { created, completed } from '../emulator/scripts'
import type { Step } from '../emulator/types'
import { ModelClient } from '../../main/core/responses/client'
import { makeProvider } from '../../main/core/provider-factory'
import { silentLogger } from '../../main/core/log'
import { startEmulator } from '../emulator/index'
import { runProcess } from './run-process'
import { spawnSync } from 'node:child_process'
import os from 'node:os'

/** `{"a":{"a":…1…}}` as text: JSON.stringify of the parsed value would overflow the stack. */
const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels)

function hostileItemSteps(levels: number, text = 'Hello there', ws = false): Step[] {
  const item =
    `{"id":"msg_deep","type":"message","status":"completed","role":"assistant",` +
    `"content":[{"type":"output_text","annotations":[],"text":${JSON.stringify(text)},"junk":${deep(10)}}],` +
    `"junk":${deep(levels)}}`
  const frame = `{"type":"response.output_item.done","output_index":0,"item":${item}}`
  return [
    created({ responseId: 'resp_deep' }),
    { raw: ws ? frame : `event: response.output_item.done\ndata: ${frame}\n\n` },
    completed({ responseId: 'resp_deep' }),
  ]
}

let h: Harness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

const transports = [
  { name: 'SSE', provider: { websockets: false }, session: { transport: 'sse' as const } },
  { name: 'WebSocket', provider: { websockets: true }, session: { transport: 'websocket' as const } },
]

describe.each(transports)('hostile output items over $name', (t) => {
  it.each([5000, 4000])(
    'an unknown field %i levels deep is dropped, not stored or resent',
    async (levels) => {
      h = await harness({ provider: t.provider, session: t.session })
      const ws = t.name === 'WebSocket'
      h.emu.script(
        { steps: hostileItemSteps(levels, 'Hello there', ws) },
        { steps: hostileItemSteps(3, 'Second', ws) },
      )
      const id = await h.turn('first')
      expect(h.of('turn_complete')).toHaveLength(1)
      expect(h.text()).toContain('Hello there')
      await h.turn('second', { conversationId: id })
      expect(h.of('turn_complete')).toHaveLength(2)
      // The next request carries the assistant message with known fields only.
      const requests = h.emu.responsesRequests()
      const last = requests.at(-1)!.body as { input: Record<string, unknown>[] }
      const assistant = last.input.find((i) => i.role === 'assistant')
      if (t.name === 'SSE')
        expect(assistant).toEqual({
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Hello there' }],
        })
      expect(JSON.stringify(requests.map((r) => r.body))).not.toContain('junk')
      // History holds no junk and loads completely.
      const file = path.join(h.dataDir, 'conversations', `${id}.jsonl`)
      const text = fs.readFileSync(file, 'utf8')
      expect(text).not.toContain('junk')
      const loaded = h.session.loadConversation(id)
      expect((await loaded)?.items.length).toBe(4)
    },
  )
})

describe('an exception in a stream handler', () => {
  for (const [t, where] of transports.flatMap((t) => [[t, 'onEvent'] as const, [t, 'onMeta'] as const])) {
    it(`(${where}) becomes a clean non-retryable error over ${t.name}`, async () => {
      const emu = await startEmulator()
      try {
        emu.script({ steps: hostileItemSteps(2, 'x', t.name === 'WebSocket') })
        const client = new ModelClient({
          provider: makeProvider({
            id: 'openai',
            baseUrl: emu.openaiBase,
            apiKey: 'sk-test-emulator',
            ...t.provider,
          }),
          logger: silentLogger,
          defaultHeaders: {},
          idleTimeoutMs: 5000,
          requestMaxRetries: 2,
          streamMaxRetries: 2,
          maxRetryDelayMs: 1000,
          transport: t.session.transport,
          compression: false,
          retryBaseDelayMs: 1,
        })
        const handler = {
          onEvent(ev: { type: string }) {
            if (where === 'onEvent' && ev.type === 'response.output_item.done')
              throw new RangeError('boom in handler')
          },
          onMeta() {
            if (where === 'onMeta') throw new RangeError('boom in handler')
          },
          onUnknown() {},
          onMalformed() {},
          onAttemptStart() {},
          onRetry() {},
          onFallback() {},
        }
        const session = client.newTurnSession('conv-1')
        const err = await session.stream(body, handler, new AbortController().signal, null).then(
          () => null,
          (e: unknown) => e,
        )
        expect(err).toMatchObject({ name: 'ModelError', code: 'internal', retryable: false })
        expect((err as Error).message).toMatch(/boom in handler/)
        // One attempt at most (over WebSocket, onMeta runs before the frame is sent): a retry
        // would hit the same bug.
        expect(emu.responsesRequests().length).toBeLessThanOrEqual(1)
        client.close()
      } finally {
        await emu.close()
      }
    })
  }
})

const body = {
  model: 'gpt-4o',
  instructions: 'test',
  input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
  tools: [],
  tool_choice: 'auto',
  parallel_tool_calls: false,
  reasoning: null,
  store: false,
  stream: true,
  include: [],
} satisfies ResponsesRequest

describe('the CLI', () => {
  it('prints the answer, not a stack trace, for an item nested 5,000 levels deep', async () => {
    const root = path.resolve(import.meta.dirname, '../..')
    if (!fs.existsSync(path.join(root, 'out/main/cli.js'))) {
      const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' })
      if (r.status !== 0) throw new Error('build failed')
    }
    const emu = await startEmulator()
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-hostile-'))
    try {
      emu.script({ steps: hostileItemSteps(5000) })
      const r = await runProcess(
        [
          path.join(root, 'bin/assistant.mjs'),
          'exec',
          '--transport',
          'sse',
          '--model',
          'gpt-4o',
          '--data-dir',
          dataDir,
          'hi',
        ],
        {
          PATH: process.env.PATH,
          HOME: dataDir,
          OPENAI_API_KEY: 'sk-test-emulator',
          OPENAI_BASE_URL: emu.openaiBase,
        },
      )
      expect(r.err).not.toMatch(/RangeError|\n\s+at /)
      expect(r.code).toBe(0)
      expect(r.out).toContain('Hello there')
    } finally {
      await emu.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})
