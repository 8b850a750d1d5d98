// The host core both hosts share: validation of ops and queries, settings round trip with a
// broadcast, engine rebuilds on settings that shape it, and op failures surfaced as events.
import { describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import type { BridgeEvent } from '@shared/bridge'
import { HostCore } from '../../main/host/core'
import { silentLogger } from '../../main/core/log'
import { FakeEngine, fakeServices } from './app-fake-engine'

function setup() {
  const services = fakeServices()
  const core = new HostCore(services, silentLogger)
  const events: BridgeEvent[] = []
  const ctx = { sinkId: 'test', sink: (e: BridgeEvent) => events.push(e) }
  return { services, core, events, ctx }
}

describe('host core', () => {
  it('rejects invalid ops with the field and reason, and runs valid ones', async () => {
    const { core, services } = setup()
    expect(await core.op({ type: 'user_turn', text: '' }, 'test')).toEqual({
      ok: false,
      error: expect.stringMatching(/^invalid op: text: /),
    })
    expect(await core.op({ type: 'user_turn', text: 'hi', extra: 1 }, 'test')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/invalid op/),
    })
    expect(await core.op(null, 'test')).toMatchObject({ ok: false })
    expect(await core.op({ type: 'user_turn', text: 'hi' }, 'test')).toEqual({ ok: true })
    expect(services.made[0]!.ops).toHaveLength(1)
  })

  it('validates queries and answers them', async () => {
    const { core, ctx } = setup()
    expect(await core.query({ name: 'host.capabilities', input: {} }, ctx)).toMatchObject({
      ok: true,
      value: { host: 'browser' },
    })
    expect(await core.query({ name: 'nope' }, ctx)).toEqual({ ok: false, error: 'unknown query "nope"' })
    expect(await core.query('settings.get', ctx)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/malformed query/),
    })
    expect(await core.query({ name: 'conversations.delete', input: { id: 'x' } }, ctx)).toMatchObject({
      ok: false,
    })
    expect(await core.query({ name: 'settings.set', input: { theme: 'neon' } }, ctx)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/theme/),
    })
  })

  it('saves settings, tells every page, and rebuilds the engine only when needed', async () => {
    const { core, services, events, ctx } = setup()
    await core.query({ name: 'events.attach', input: {} }, ctx)
    const themed = await core.query({ name: 'settings.set', input: { theme: 'dark' } }, ctx)
    expect(themed).toMatchObject({ ok: true, value: { settings: { theme: 'dark' } } })
    expect(events.at(-1)).toMatchObject({ type: 'settings_changed', view: { settings: { theme: 'dark' } } })
    expect(services.made).toHaveLength(1)
    await core.query({ name: 'settings.set', input: { transport: 'sse' } }, ctx)
    expect(services.made).toHaveLength(2)
    expect(services.made[0]!.closed).toBe(true)
  })

  it('reports an op the engine throws on as an error event', async () => {
    const engine = new FakeEngine()
    engine.submit = async () => {
      throw new Error('the engine is closed')
    }
    const services = fakeServices([engine])
    const core = new HostCore(services, silentLogger)
    const events: BridgeEvent[] = []
    await core.query({ name: 'events.attach', input: {} }, { sinkId: 's', sink: (e) => events.push(e) })
    const id = randomUUID()
    expect(await core.op({ type: 'user_turn', conversationId: id, text: 'hi' }, 's')).toEqual({ ok: true })
    await new Promise((r) => setTimeout(r, 0))
    expect(events).toEqual([
      {
        type: 'error',
        conversationId: id,
        message: 'The user_turn request failed: the engine is closed',
        code: 'internal',
        fatal: true,
      },
    ])
  })

  it('refuses to store secrets in the browser host, with the reason', async () => {
    const { core, ctx } = setup()
    expect(
      await core.query({ name: 'secrets.set', input: { name: 'openai_api_key', value: 'sk-x' } }, ctx),
    ).toEqual({
      ok: false,
      error: expect.stringMatching(/does not store secrets/),
    })
  })
})
