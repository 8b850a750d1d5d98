// The whole Electron bridge in Node: the preload's client over a fake IPC pipe into main's
// handlers (sender check, HostCore) and back. Covers: bad ops rejected in main with a clear error
// even when a page bypasses the preload, foreign senders refused, events delivered, replay.
import { beforeEach, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { CHANNELS, createBridge, type Reply } from '@shared/bridge'
import { ipcTransport, type IpcLike } from '../../preload/ipc-transport'
import { bindIpc } from '../../main/app/ipc'
import { HostCore } from '../../main/host/core'
import type { Logger } from '../../main/core/log'
import { stub } from '../stubs/electron'
import { FakeEngine, fakeServices } from './app-fake-engine'

const APP_URL = 'app://renderer/index.html'

interface Frame {
  url: string
  parent: object | null
  routingId: number
}

function recordingLogger() {
  const lines: string[] = []
  const logger: Logger = {
    log: (level, message, fields) => lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`),
  }
  return { logger, lines }
}

/** An in-memory ipcMain/ipcRenderer pair; `frame` says who the renderer claims to be. */
function wire(windowId: number, frame: Frame | null) {
  const handlers = new Map<string, (event: any, ...args: any[]) => any>()
  const rendererListeners = new Map<string, ((e: unknown, raw: unknown) => void)[]>()
  const sender = {
    id: windowId,
    mainFrame: { routingId: 1 },
    isDestroyed: () => false,
    send: (channel: string, payload: unknown) => {
      // Structured clone, like real IPC.
      for (const l of rendererListeners.get(channel) ?? []) l({}, structuredClone(payload))
    },
  }
  const ipcMain = {
    handle: (channel: string, fn: (event: any, ...args: any[]) => any) => void handlers.set(channel, fn),
    removeHandler: (channel: string) => void handlers.delete(channel),
  }
  const ipcRenderer: IpcLike = {
    invoke: async (channel: string, ...args: unknown[]) => {
      const fn = handlers.get(channel)
      if (!fn) throw new Error(`No handler registered for '${channel}'`)
      return structuredClone(await fn({ sender, senderFrame: frame }, ...args.map((a) => structuredClone(a))))
    },
    on: ((channel: string, fn: (e: unknown, raw: unknown) => void) => {
      rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), fn])
      return ipcRenderer
    }) as unknown as IpcLike['on'],
    removeListener: (() => ipcRenderer) as unknown as IpcLike['removeListener'],
  }
  return { ipcMain, ipcRenderer, handlers }
}

function setup(frame: Frame | null = { url: APP_URL, parent: null, routingId: 1 }, windowId = 7) {
  const engine = new FakeEngine()
  const { logger, lines } = recordingLogger()
  const core = new HostCore(fakeServices([engine]), logger)
  const w = wire(windowId, frame)
  bindIpc({
    ipcMain: w.ipcMain,
    core,
    logger,
    policy: { appOrigins: ['app://renderer'], isOurWindow: (id) => id === 7 },
  })
  const transport = ipcTransport(w.ipcRenderer)
  const bridge = createBridge(transport, { report: () => undefined })
  return { engine, core, lines, bridge, transport, w }
}

describe('Electron bridge over IPC', () => {
  beforeEach(() => stub.reset())

  it('carries an op to the engine and its events back to the page', async () => {
    const { engine, bridge } = setup()
    const seen: unknown[] = []
    bridge.onEvent((e) => seen.push(e))
    const id = randomUUID()
    await bridge.submit({ type: 'user_turn', conversationId: id, text: 'Hello' })
    expect(engine.ops).toEqual([{ type: 'user_turn', conversationId: id, text: 'Hello' }])
    engine.emit({ type: 'turn_started', conversationId: id, turnId: 't', model: 'm' })
    engine.emit({ type: 'agent_message_delta', conversationId: id, turnId: 't', delta: 'Hi!' })
    await new Promise((r) => setTimeout(r, 0))
    expect(seen).toEqual([
      { type: 'turn_started', conversationId: id, turnId: 't', model: 'm' },
      { type: 'agent_message_delta', conversationId: id, turnId: 't', delta: 'Hi!' },
    ])
  })

  it('rejects a bad op in main with a clear error when a page skips the preload checks', async () => {
    const { engine, transport, lines } = setup()
    const reply = (await transport.op({ type: 'user_turn', text: 42 } as never)) as Reply
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(/^invalid op: text: /) })
    const unknown = (await transport.op({ type: 'shell', cmd: 'ls' } as never)) as Reply
    expect(unknown.ok).toBe(false)
    expect(engine.ops).toHaveLength(0)
    expect(lines.some((l) => l.includes('rejected an op'))).toBe(true)
  })

  it('rejects queries main does not know and inputs that fail the schema', async () => {
    const { transport } = setup()
    expect(await transport.query('fs.read' as never, {})).toEqual({
      ok: false,
      error: 'unknown query "fs.read"',
    })
    const bad = await transport.query('conversations.rename', { id: randomUUID(), title: 'x'.repeat(500) })
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/conversations.rename: title/) })
  })

  it.each([
    ['a subframe', { url: APP_URL, parent: {}, routingId: 9 }, 7, /subframe/],
    [
      'a foreign page',
      { url: 'https://evil.example/x', parent: null, routingId: 1 },
      7,
      /foreign page \(https:\/\/evil\.example\)/,
    ],
    ['a file: page', { url: 'file:///etc/passwd', parent: null, routingId: 1 }, 7, /foreign page/],
    ['a frame that is gone', null, 7, /frame is gone/],
    ['a window that is not ours', { url: APP_URL, parent: null, routingId: 1 }, 99, /not an app window/],
  ])('refuses messages from %s and logs why', async (_name, frame, windowId, reason) => {
    const { engine, transport, lines } = setup(frame as Frame | null, windowId)
    const op = await transport.op({ type: 'user_turn', text: 'hi' })
    const q = await transport.query('settings.get', {})
    expect(op).toMatchObject({ ok: false, error: expect.stringMatching(reason) })
    expect(q).toMatchObject({ ok: false, error: expect.stringMatching(reason) })
    expect(engine.ops).toHaveLength(0)
    expect(lines.filter((l) => l.includes('refused an IPC message'))).toHaveLength(2)
  })

  it('replays a running turn to a window that attaches late, then streams live', async () => {
    const { engine, core, w } = setup()
    const id = randomUUID()
    engine.emit({ type: 'turn_started', conversationId: id, turnId: 't', model: 'm' })
    engine.emit({ type: 'agent_message_delta', conversationId: id, turnId: 't', delta: 'The whole ' })
    engine.emit({ type: 'agent_message_delta', conversationId: id, turnId: 't', delta: 'answer' })
    // A window opens now.
    const bridge = createBridge(ipcTransport(w.ipcRenderer))
    const seen: any[] = []
    bridge.onEvent((e) => seen.push(e))
    await new Promise((r) => setTimeout(r, 0))
    engine.emit({ type: 'agent_message_delta', conversationId: id, turnId: 't', delta: '.' })
    expect(seen.map((e) => e.type)).toEqual(['turn_started', 'agent_message_delta', 'agent_message_delta'])
    expect(seen[1].delta).toBe('The whole answer')
    expect(seen[2].delta).toBe('.')
    expect(core.fanout.size).toBe(1)
  })

  it('registers exactly the three channels and the preload exposes one object', async () => {
    const { w } = setup()
    expect([...w.handlers.keys()].sort()).toEqual([CHANNELS.op, CHANNELS.query].sort())
    await import('../../preload/index')
    expect([...stub.exposed.keys()]).toEqual(['assistant'])
    const api = stub.exposed.get('assistant') as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual(['onEvent', 'query', 'submit'])
    expect(Object.isFrozen(api)).toBe(true)
  })
})
