// Realtime with ChatGPT sign-in: the account headers on the handshake, the codex paths of both
// dialects, and one token refresh after a 401.
import { describe, it, expect, afterEach } from 'vitest'
import { chatgptHarness, TOKENS } from './chatgpt-helpers'
import type { Harness } from './harness'
import { startEmulator } from '../emulator/index'

let h: Harness
afterEach(async () => h?.close())

const handshakes = (h: Harness) => h.emu.requests.filter((r) => r.transport === 'ws-handshake')
const started = (h: Harness) => h.events.filter((e) => e.type === 'realtime_started')

describe('realtime with ChatGPT sign-in', () => {
  it('Gen 0 at the codex realtime URL carries the access token and account id', async () => {
    const emu = await startEmulator()
    // The codex base already has a path, so Gen 0 connects to the URL as given.
    h = await chatgptHarness({
      emu,
      session: { realtime: { dialect: 'gen0', baseUrl: `${emu.codexBase}/ws` } },
    })
    try {
      await h.session.submit({ type: 'realtime_start', prompt: 'p' })
      expect(started(h)).toHaveLength(1)
      const hs = handshakes(h).at(-1)!
      expect(hs.path).toBe('/backend-api/codex/ws')
      expect(hs.headers.authorization).toBe('Bearer chatgpt-access-1')
      expect(hs.headers['chatgpt-account-id']).toBe('acct-1')
    } finally {
      await h.close()
      await emu.close()
    }
  })

  it('v2 on the codex base uses …/codex/realtime?model=…', async () => {
    h = await chatgptHarness()
    await h.session.submit({ type: 'realtime_start', prompt: 'p', model: 'gpt-realtime-mini' })
    expect(started(h)).toHaveLength(1)
    const hs = handshakes(h).at(-1)!
    expect(hs.path).toBe('/backend-api/codex/realtime')
    expect(hs.query).toEqual({ model: 'gpt-realtime-mini' })
  })

  it('refreshes an expired access token once and connects', async () => {
    h = await chatgptHarness({
      emulator: { chatgpt: { ...TOKENS, expiredAccessTokens: ['chatgpt-access-1'] } },
    })
    await h.session.submit({ type: 'realtime_start', prompt: 'p' })
    expect(h.events.filter((e) => e.type === 'error')).toEqual([])
    expect(started(h)).toHaveLength(1)
    expect(handshakes(h).map((r) => r.headers.authorization)).toEqual([
      'Bearer chatgpt-access-1',
      'Bearer chatgpt-access-2',
    ])
  })
})
