// The emulator is as strict about tools as the real service: tool shapes, and call/output pairs.
import { afterEach, describe, expect, it } from 'vitest'
import { userMessage } from '../../shared/wire/items'
import { startEmulator, type Emulator } from '../emulator/index'
import { checkToolPairs } from '../emulator/tool-checks'

let emu: Emulator | undefined
afterEach(async () => {
  await emu?.close()
  emu = undefined
})

const call = { type: 'function_call' as const, name: 'srv__echo', arguments: '{}', call_id: 'call_1' }
const output = { type: 'function_call_output' as const, call_id: 'call_1', output: 'ok' }

async function post(over: Record<string, unknown>): Promise<{ status: number; body: any }> {
  emu ??= await startEmulator({ apiKey: 'sk-x' })
  const res = await fetch(`${emu.openaiBase}/responses`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer sk-x',
      accept: 'text/event-stream',
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      model: 'gpt-5.3-codex',
      input: [userMessage('hi')],
      tools: [],
      tool_choice: 'auto',
      parallel_tool_calls: false,
      reasoning: null,
      store: false,
      stream: true,
      include: [],
      ...over,
    }),
  })
  return { status: res.status, body: res.status === 200 ? await res.text() : await res.json() }
}

describe('emulator tool checks', () => {
  it('accepts function and web_search tools, rejects unknown fields and non-object parameters', async () => {
    const fn = {
      type: 'function',
      name: 'srv__echo',
      strict: false,
      parameters: { type: 'object', properties: {} },
    }
    expect((await post({ tools: [fn, { type: 'web_search' }] })).status).toBe(200)
    const extra = await post({ tools: [{ ...fn, bogus: 1 }] })
    expect(extra.status).toBe(400)
    expect(extra.body.error.message).toMatch(/Unknown parameter: 'tools\[0\]\.bogus'/)
    expect((await post({ tools: [{ ...fn, parameters: { type: 'string' } }] })).status).toBe(400)
    expect((await post({ tools: [{ ...fn, name: 'has space' }] })).status).toBe(400)
  })

  it('needs an output for every call and a call for every output (same call_id)', async () => {
    expect((await post({ input: [userMessage('hi'), call, output] })).status).toBe(200)
    const missing = await post({ input: [userMessage('hi'), call] })
    expect(missing.body.error.message).toBe('No tool output found for function call call_1.')
    const orphan = await post({ input: [userMessage('hi'), { ...output, call_id: 'call_2' }] })
    expect(orphan.body.error.message).toBe('No tool call found for function call output with call_id call_2.')
  })

  it('over a WebSocket chain, calls of the previous response count', () => {
    expect(checkToolPairs([output], new Set(['call_1']))).toBeNull()
    expect(checkToolPairs([userMessage('x')], new Set(['call_1']))?.error.message).toMatch(/No tool output/)
  })
})
