// The tool loop against the strict emulator and real MCP servers (issue 15).
import fs from 'node:fs'
import { describe, it, expect, afterEach } from 'vitest'
import { harness, bodyOf, type Harness } from './harness'
import { messageSteps, responseAround, textAnswer, toolCallResponse } from '../emulator/scripts'
import { everything, everythingHttp, runtime, testServer, waitFor } from './tools-helpers'
import { McpServerConfig } from '@shared/mcp'
import { ToolRuntime } from '../../main/core/tools/runtime'
import { silentLogger } from '../../main/core/log'

let h: Harness
afterEach(async () => h?.close())

const ws = (tools: ToolRuntime) =>
  harness({ provider: { websockets: true }, session: { transport: 'auto', tools } })
const sse = (tools: ToolRuntime) => harness({ session: { tools } })

async function start(text: string, extra: Record<string, unknown> = {}): Promise<Promise<void>> {
  return h.session.submit({ type: 'user_turn', text, ...extra })
}

function historyLines(h: Harness): Record<string, any>[] {
  const dir = `${h.dataDir}/conversations`
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.jsonl'))!
  return fs
    .readFileSync(`${dir}/${file}`, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
}

describe('a two-round tool turn', () => {
  it('over SSE: offers the namespaced tool, calls the real server, answers with the same call_id', async () => {
    h = await sse(runtime([everything()]))
    h.emu.script(
      { steps: toolCallResponse('everything__get-sum', { a: 2, b: 3 }, 'call_sum_1') },
      { steps: textAnswer('2 + 3 = 5.') },
    )
    await h.turn('What is 2+3? Use the tool.')

    const first = bodyOf(h.emu, 0)
    const sum = first.tools.find((t: { name?: string }) => t.name === 'everything__get-sum')
    expect(sum).toMatchObject({ type: 'function', strict: false, parameters: { type: 'object' } })
    expect(first.tools.every((t: { type: string }) => t.type === 'function')).toBe(true)
    const second = bodyOf(h.emu, 1)
    expect(second.tools).toEqual(first.tools)
    expect(second.input.slice(-2)).toEqual([
      expect.objectContaining({ type: 'function_call', call_id: 'call_sum_1', name: 'everything__get-sum' }),
      { type: 'function_call_output', call_id: 'call_sum_1', output: 'The sum of 2 and 3 is 5.' },
    ])
    expect(h.of('tool_call_started')[0]).toMatchObject({
      server: 'everything',
      tool: 'get-sum',
      callId: 'call_sum_1',
    })
    expect(h.of('tool_call_finished')[0]).toMatchObject({ status: 'ok', output: 'The sum of 2 and 3 is 5.' })
    expect(h.of('turn_complete')).toHaveLength(1)
    expect(h.of('telemetry')[0]!.telemetry.requests).toBe(2)
    expect(h.text()).toBe('2 + 3 = 5.')
    const out = historyLines(h).find((r) => r.item?.type === 'function_call_output')!
    expect(out.tool).toMatchObject({ server: 'everything', tool: 'get-sum', status: 'ok' })
  })

  it('over WebSocket: the follow-up uses previous_response_id on the same socket with only the output', async () => {
    h = await ws(runtime([everything()]))
    h.emu.script(
      { steps: toolCallResponse('everything__echo', { message: 'hi' }, 'call_echo_1') },
      { steps: textAnswer('It said hi.') },
    )
    await h.turn('Echo hi')
    const frames = h.emu.requests.filter((r) => r.transport === 'ws-frame')
    expect(frames).toHaveLength(2)
    expect(frames[1]!.connectionId).toBe(frames[0]!.connectionId)
    const f2 = frames[1]!.body as Record<string, any>
    expect(typeof f2.previous_response_id).toBe('string')
    expect(f2.input).toEqual([{ type: 'function_call_output', call_id: 'call_echo_1', output: 'Echo: hi' }])
    expect(h.text()).toBe('It said hi.')
  })
})

describe('approval', () => {
  it('asks; allow once runs it, deny sends the denial in words, always stops asking', async () => {
    h = await sse(runtime([everything()], 'ask'))
    h.emu.script(
      { steps: toolCallResponse('everything__echo', { message: 'a' }, 'c1') },
      { steps: toolCallResponse('everything__echo', { message: 'b' }, 'c2') },
      { steps: toolCallResponse('everything__echo', { message: 'c' }, 'c3') },
      { steps: toolCallResponse('everything__echo', { message: 'd' }, 'c4') },
      { steps: textAnswer('done') },
    )
    const turn = start('go')
    const ask1 = await waitFor(h.events, 'tool_approval_request', (e) => e.callId === 'c1')
    expect(ask1).toMatchObject({ server: 'everything', tool: 'echo', arguments: '{"message":"a"}' })
    const conversationId = ask1.conversationId
    await h.session.submit({ type: 'tool_approval', conversationId, callId: 'c1', decision: 'allow_once' })
    await waitFor(h.events, 'tool_approval_request', (e) => e.callId === 'c2')
    await h.session.submit({ type: 'tool_approval', conversationId, callId: 'c2', decision: 'deny' })
    await waitFor(h.events, 'tool_approval_request', (e) => e.callId === 'c3')
    await h.session.submit({ type: 'tool_approval', conversationId, callId: 'c3', decision: 'always' })
    await turn
    expect(h.of('tool_approval_request').map((e) => e.callId)).toEqual(['c1', 'c2', 'c3'])
    const outputs = bodyOf(h.emu, 4).input.filter((i: { type: string }) => i.type === 'function_call_output')
    expect(outputs.map((o: { output: string }) => o.output)).toEqual([
      'Echo: a',
      expect.stringMatching(/^The user denied this call of "echo" on "everything"/),
      'Echo: c',
      'Echo: d',
    ])
    expect(h.of('tool_call_finished').map((e) => e.status)).toEqual(['ok', 'denied', 'ok', 'ok'])
  })
})

describe('failures', () => {
  it('a call past its timeout is cancelled and reported to the model', async () => {
    h = await sse(runtime([testServer({ timeoutMs: 300 })]))
    h.emu.script({ steps: toolCallResponse('flaky__slow', { ms: 5000 }, 's1') }, { steps: textAnswer('ok') })
    await h.turn('slow please')
    expect(h.of('tool_call_finished')[0]).toMatchObject({ status: 'timeout' })
    expect(bodyOf(h.emu, 1).input.at(-1).output).toMatch(/did not answer in time/)
    expect(h.of('tool_call_finished')[0]!.durationMs).toBeLessThan(4000)
  })

  it('a crashing server is reported, restarted once, and its tools work again', async () => {
    h = await sse(runtime([testServer()]))
    h.emu.script(
      { steps: toolCallResponse('flaky__count', {}, 'k1') },
      { steps: toolCallResponse('flaky__crash', {}, 'k2') },
      { steps: toolCallResponse('flaky__count', {}, 'k3') },
      { steps: textAnswer('ok') },
    )
    await h.turn('crash it')
    const fin = h.of('tool_call_finished')
    expect(fin.map((e) => e.status)).toEqual(['ok', 'error', 'ok'])
    expect(fin[1]!.output).toMatch(/crashed during this call and was restarted/)
    const pid = (s: string) => /pid (\d+)/.exec(s)![1]
    expect(pid(fin[2]!.output)).not.toBe(pid(fin[0]!.output))
    expect(fin[2]!.output).toMatch(/^call 1 /)
    expect(h.of('warning').some((w) => /stopped .*restarting it once/.test(w.message))).toBe(true)
  })

  it('a tool error and an unknown tool go back to the model in words', async () => {
    h = await sse(runtime([testServer()]))
    h.emu.script(
      { steps: toolCallResponse('flaky__boom', {}, 'b1') },
      { steps: toolCallResponse('nope__nothing', {}, 'b2') },
      { steps: textAnswer('sorry') },
    )
    await h.turn('break')
    const outs = bodyOf(h.emu, 2).input.filter((i: { type: string }) => i.type === 'function_call_output')
    expect(outs[0].output).toBe('The tool reported an error: kaput: the widget is broken')
    expect(outs[1].output).toMatch(/There is no tool named "nope__nothing"/)
  })

  it('a tool with a bad schema is skipped with a warning; the server’s other tools stay offered', async () => {
    h = await sse(runtime([testServer({ env: { MODE: 'bad-schema' } })]))
    h.emu.script({ steps: textAnswer('hi') })
    await h.turn('hello')
    const names = bodyOf(h.emu, 0).tools.map((t: { name: string }) => t.name)
    expect(names).toEqual(['flaky__boom', 'flaky__count', 'flaky__crash', 'flaky__slow'])
    expect(h.of('warning').map((w) => w.message)).toContain(
      'MCP tool "flaky/bad" was skipped: its input schema is not an object schema.',
    )
  })

  it('interrupt mid-call stops the tool; history stays valid for the next turn (checked on the wire)', async () => {
    h = await sse(runtime([testServer()]))
    h.emu.script(
      { steps: toolCallResponse('flaky__slow', { ms: 20_000 }, 'i1') },
      { steps: textAnswer('next') },
    )
    const turn = start('slow')
    const started = await waitFor(h.events, 'tool_call_started')
    await h.session.submit({ type: 'interrupt', conversationId: started.conversationId })
    await turn
    expect(h.of('turn_aborted')[0]).toMatchObject({ reason: 'interrupted' })
    expect(h.of('tool_call_finished')[0]).toMatchObject({ status: 'interrupted' })
    await h.turn('again', { conversationId: started.conversationId })
    const input = bodyOf(h.emu, 1).input
    expect(input.slice(1, 3)).toEqual([
      expect.objectContaining({ type: 'function_call', call_id: 'i1' }),
      { type: 'function_call_output', call_id: 'i1', output: 'The user interrupted this tool call.' },
    ])
  })
})

describe('history reload', () => {
  it('a new session resends the earlier calls and outputs exactly', async () => {
    h = await sse(runtime([everything()]))
    h.emu.script(
      { steps: toolCallResponse('everything__echo', { message: 'x' }, 'r1') },
      { steps: textAnswer('echoed') },
      { steps: textAnswer('second') },
    )
    const id = await h.turn('echo x')
    const before = bodyOf(h.emu, 1).input
    await h.session.close()
    const { Session } = await import('../../main/core/session')
    const { makeProvider } = await import('../../main/core/provider-factory')
    const again = new Session({
      provider: makeProvider({
        id: 'openai',
        baseUrl: h.emu.openaiBase,
        apiKey: 'sk-test-emulator',
        websockets: false,
      }),
      dataDir: h.dataDir,
      transport: 'sse',
    })
    await again.submit({ type: 'user_turn', conversationId: id, text: 'more' })
    await again.close()
    const after = bodyOf(h.emu, 2).input
    expect(after.slice(0, before.length)).toEqual(before)
    expect(
      after.filter((i: { type: string }) => i.type.startsWith('function_call')).map((i: any) => i.call_id),
    ).toEqual(['r1', 'r1'])
  })
})

describe('retries across rounds', () => {
  it('a dropped follow-up is retried without running the tool again or repeating text', async () => {
    h = await sse(runtime([testServer()]))
    const answer = messageSteps('The count is one.', { itemId: 'msg_fixed', chunks: 4 })
    h.emu.script(
      {
        steps: responseAround([
          ...messageSteps('Let me count. ', { itemId: 'msg_pre' }),
          ...toolCallResponse('flaky__count', {}, 'n1').slice(1, -1),
        ]),
      },
      { status: 500 },
      { steps: [...responseAround(answer).slice(0, 4), { drop: true }] },
      { steps: responseAround(answer) },
    )
    await h.turn('count')
    expect(h.of('tool_call_finished')).toHaveLength(1)
    expect(h.of('stream_retry')).toHaveLength(2)
    expect(h.of('agent_message').map((e) => e.text)).toEqual(['Let me count. ', 'The count is one.'])
    expect(h.text()).toBe('Let me count. The count is one.')
    expect(h.of('agent_message_reset')).toHaveLength(0)
    const last = bodyOf(h.emu, 3).input
    expect(last.filter((i: { type: string }) => i.type === 'function_call_output')).toHaveLength(1)
    expect(h.of('telemetry')[0]!.telemetry.retries).toBe(2)
  })
})

describe('Streamable HTTP', () => {
  it('calls server-everything over Streamable HTTP', async () => {
    const server = await everythingHttp()
    try {
      const remote = McpServerConfig.parse({
        name: 'remote',
        transport: 'http',
        url: server.url,
        bearer: 'tok',
      })
      h = await sse(runtime([remote]))
      h.emu.script(
        { steps: toolCallResponse('remote__get-sum', { a: 40, b: 2 }, 'h1') },
        { steps: textAnswer('42') },
      )
      await h.turn('sum over http')
      expect(h.of('tool_call_finished')[0]).toMatchObject({
        server: 'remote',
        status: 'ok',
        output: 'The sum of 40 and 2 is 42.',
      })
    } finally {
      server.stop()
    }
  })
})

describe('approval and interrupt', () => {
  it('interrupting while a call waits for approval answers the call and ends the turn', async () => {
    h = await sse(runtime([everything()], 'ask'))
    h.emu.script(
      { steps: toolCallResponse('everything__echo', { message: 'q' }, 'w1') },
      { steps: textAnswer('next') },
    )
    const turn = start('echo')
    const ask = await waitFor(h.events, 'tool_approval_request')
    await h.session.submit({ type: 'interrupt', conversationId: ask.conversationId })
    await turn
    expect(h.of('turn_aborted')[0]).toMatchObject({ reason: 'interrupted' })
    expect(h.of('tool_call_started')).toHaveLength(0)
    await h.turn('again', { conversationId: ask.conversationId })
    expect(bodyOf(h.emu, 1).input.slice(2, 3)).toEqual([
      { type: 'function_call_output', call_id: 'w1', output: 'The user interrupted this tool call.' },
    ])
  })
})

describe('limits', () => {
  it('stops after the round cap, answering the remaining calls in words', async () => {
    const tools = new ToolRuntime({
      servers: [everything()],
      approval: 'all',
      logger: silentLogger,
      maxRounds: 2,
    })
    h = await sse(tools)
    h.emu.script(
      { steps: toolCallResponse('everything__echo', { message: '1' }, 'l1') },
      { steps: toolCallResponse('everything__echo', { message: '2' }, 'l2') },
      { steps: textAnswer('never asked') },
    )
    await h.turn('loop forever')
    expect(h.emu.responsesRequests()).toHaveLength(2)
    expect(h.of('turn_complete')).toHaveLength(1)
    expect(h.of('warning').map((w) => w.message)).toContain(
      'The tool-call limit for one turn (2 rounds) was reached; the remaining calls were not run.',
    )
    h.emu.script({ steps: textAnswer('ok') })
    await h.turn('next', { conversationId: h.of('turn_started')[0]!.conversationId })
    const outs = bodyOf(h.emu, 2).input.filter((i: { type: string }) => i.type === 'function_call_output')
    expect(outs.map((o: { call_id: string }) => o.call_id)).toEqual(['l1', 'l2'])
  })

  it('a server that crashes twice stays off and says so', async () => {
    h = await sse(runtime([testServer()]))
    h.emu.script(
      { steps: toolCallResponse('flaky__crash', {}, 'x1') },
      { steps: toolCallResponse('flaky__crash', {}, 'x2') },
      { steps: toolCallResponse('flaky__count', {}, 'x3') },
      { steps: textAnswer('gave up') },
    )
    await h.turn('crash twice')
    const fin = h.of('tool_call_finished')
    expect(fin.map((e) => e.status)).toEqual(['error', 'error', 'error'])
    expect(fin[2]!.output).toMatch(/could not be run: MCP server "flaky" stopped again/)
    expect(h.of('warning').some((w) => /stays off until its settings change/.test(w.message))).toBe(true)
  })
})
