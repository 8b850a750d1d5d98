// The bridge client (shared/bridge/client.ts) and the socket framing, against fake transports.
import { describe, expect, it, vi } from 'vitest'
import { randomUUID } from 'node:crypto'
import { createBridge, QUERIES, type BridgeTransport, type Reply } from '@shared/bridge'
import { decodeMessage, encodeMessage } from '@shared/bridge/frames'
import { BinaryFrame, MAX_BINARY_FRAME_BYTES } from '@shared/bridge'

function fakeTransport(replies: Partial<Record<string, unknown>> = {}) {
  const sent: { kind: 'op' | 'query'; name?: string; payload: unknown }[] = []
  let onEvent: ((raw: unknown) => void) | null = null
  let listens = 0
  const t: BridgeTransport = {
    op: async (op) => {
      sent.push({ kind: 'op', payload: op })
      return { ok: true }
    },
    query: async (name, input) => {
      sent.push({ kind: 'query', name, payload: input })
      if (name in replies) return { ok: true, value: replies[name] } as Reply
      if (name === 'events.attach') return { ok: true, value: { replayed: 0, running: [] } }
      return { ok: false, error: `no reply scripted for ${name}` }
    },
    listen(cb) {
      listens++
      onEvent = cb
      return () => (onEvent = null)
    },
  }
  return { t, sent, emit: (raw: unknown) => onEvent?.(raw), listens: () => listens }
}

const cid = randomUUID()

describe('bridge client', () => {
  it('checks ops before they leave the page', async () => {
    const f = fakeTransport()
    const bridge = createBridge(f.t, { report: () => undefined })
    await bridge.submit({ type: 'user_turn', conversationId: cid, text: 'hi' })
    await expect(bridge.submit({ type: 'user_turn', text: '' } as never)).rejects.toThrow(/invalid op: text/)
    await expect(bridge.submit({ type: 'rm -rf' } as never)).rejects.toThrow(/invalid op/)
    await expect(bridge.submit({ type: 'user_turn', text: 'x'.repeat(200_001) } as never)).rejects.toThrow(
      /invalid op: text/,
    )
    await expect(bridge.submit({ type: 'interrupt', conversationId: 'not-a-uuid' } as never)).rejects.toThrow(
      /invalid op/,
    )
    expect(f.sent.filter((s) => s.kind === 'op')).toHaveLength(1)
  })

  it('turns a host refusal into a rejected promise with its message', async () => {
    const f = fakeTransport()
    f.t.op = async () => ({ ok: false, error: 'invalid op: text: Too small' })
    const bridge = createBridge(f.t)
    await expect(bridge.submit({ type: 'user_turn', text: 'hi' })).rejects.toThrow(
      'invalid op: text: Too small',
    )
  })

  it('only knows the declared queries, checks their input and their output', async () => {
    const f = fakeTransport({
      'conversations.list': [],
      'hotkeys.status': [{ action: 'quickWindow', accelerator: 'Ctrl+K', state: 'hacked', message: '' }],
    })
    const bridge = createBridge(f.t)
    expect(await bridge.query('conversations.list', {})).toEqual([])
    await expect(bridge.query('fs.readFile' as never, {} as never)).rejects.toThrow(
      'unknown query "fs.readFile"',
    )
    await expect(bridge.query('conversations.rename', { id: cid, title: '' })).rejects.toThrow(
      /conversations.rename: title/,
    )
    await expect(bridge.query('conversations.load', { id: '../../etc/passwd' })).rejects.toThrow(
      /conversations.load: id/,
    )
    await expect(bridge.query('hotkeys.status', {})).rejects.toThrow(/unreadable reply/)
    expect(f.sent.map((s) => s.name)).toEqual(['conversations.list', 'hotkeys.status'])
    // Every query in the table has both schemas.
    for (const def of Object.values(QUERIES)) expect(def.input && def.output).toBeTruthy()
  })

  it('multiplexes one underlying listener, attaches once, isolates listener errors', async () => {
    const f = fakeTransport()
    const reports: string[] = []
    const bridge = createBridge(f.t, { report: (m) => reports.push(m) })
    const a = vi.fn(() => {
      throw new Error('boom')
    })
    const b = vi.fn()
    const offA = bridge.onEvent(a)
    const offB = bridge.onEvent(b)
    expect(f.listens()).toBe(1)
    await Promise.resolve()
    expect(f.sent.filter((s) => s.name === 'events.attach')).toHaveLength(1)
    const delta = { type: 'agent_message_delta', conversationId: cid, turnId: 't1', delta: 'Hel' }
    f.emit(delta)
    expect(a).toHaveBeenCalledOnce()
    expect(b).toHaveBeenCalledWith(delta)
    expect(reports).toContain('event listener threw')
    offA()
    offB()
    f.emit(delta)
    expect(b).toHaveBeenCalledOnce()
    // Subscribing again reuses the same listener and does not replay a second time.
    bridge.onEvent(b)
    expect(f.listens()).toBe(1)
    expect(f.sent.filter((s) => s.name === 'events.attach')).toHaveLength(1)
  })

  it('delivers an unreadable event as a non-fatal error instead of dropping it', () => {
    const f = fakeTransport()
    const bridge = createBridge(f.t, { report: () => undefined })
    const seen: unknown[] = []
    bridge.onEvent((e) => seen.push(e))
    f.emit({ type: 'agent_message_delta', delta: 42 })
    f.emit({ type: 'launch_missiles' })
    expect(seen).toHaveLength(2)
    expect(seen[0]).toMatchObject({ type: 'error', code: 'malformed_event', fatal: false })
  })
})

describe('socket framing', () => {
  it('sends ordinary messages as JSON text', () => {
    const msg = { t: 'event' as const, event: { type: 'agent_message_delta', delta: 'x' } }
    const data = encodeMessage(msg)
    expect(typeof data).toBe('string')
    expect(decodeMessage(data)).toEqual(msg)
  })

  it('sends binary fields (audio frames) as one binary frame, not base64', () => {
    const frame = new Uint8Array(960).map((_, i) => i % 251)
    const extra = new Uint8Array([1, 2, 3])
    const msg = { t: 'op' as const, id: 7, op: { type: 'realtime_audio', frame, extra, note: 'x' } }
    const data = encodeMessage(msg)
    expect(data).toBeInstanceOf(Uint8Array)
    expect((data as Uint8Array).byteLength).toBeLessThan(960 + 3 + 200) // no base64 inflation
    const back = decodeMessage(data) as { t: string; id: number; op: Record<string, unknown> }
    expect(back.t).toBe('op')
    expect(back.id).toBe(7)
    expect(back.op.note).toBe('x')
    expect(back.op.frame).toEqual(frame)
    expect(back.op.extra).toEqual(extra)
    // Binary events (host → page) use the same layout.
    const ev = decodeMessage(
      encodeMessage({ t: 'event', event: { type: 'realtime_audio_out', pcm: frame } }),
    ) as any
    expect(ev.event.pcm).toEqual(frame)
  })

  it('rejects malformed binary frames', () => {
    expect(() => decodeMessage(new Uint8Array([1, 0]))).toThrow(/too short/)
    expect(() => decodeMessage(new Uint8Array([255, 255, 0, 0, 1]))).toThrow(/overruns/)
    const header = new TextEncoder().encode(
      JSON.stringify({ t: 'op', id: 1, op: { f: { $bin: 3 } }, $parts: [1] }),
    )
    const bytes = new Uint8Array(4 + header.byteLength + 1)
    new DataView(bytes.buffer).setUint32(0, header.byteLength, true)
    bytes.set(header, 4)
    expect(() => decodeMessage(bytes)).toThrow(/missing part/)
  })

  it('BinaryFrame accepts bytes within the limit only', () => {
    expect(BinaryFrame.safeParse(new Uint8Array(960)).success).toBe(true)
    expect(BinaryFrame.safeParse(new Uint8Array(MAX_BINARY_FRAME_BYTES + 1)).success).toBe(false)
    expect(BinaryFrame.safeParse('AAAA').success).toBe(false)
  })
})
