// Finding 4 of issue 11: a key belongs to a provider. The page can change the provider and base
// URL, but the OpenAI key must never follow it to another host; a custom provider only gets the
// key entered for its own server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { DEFAULT_SETTINGS, type BridgeEvent, type Settings } from '@shared/bridge'
import { HostCore, type CallContext } from '../../main/host/core'
import { browserHostServices } from '../../main/host/web/services'
import { silentLogger } from '../../main/core/log'
import { OPENAI_BASE_URL } from '../../main/core/provider'
import { providerFor, type EngineSpec } from '../../main/host/engine-factory'
import { bindCustomKey, customKeyFor, customKeyView, originOf } from '../../main/host/custom-key'
import { SafeSecretStore } from '../../main/app/secret-store'
import { SettingsService } from '../../main/host/settings-service'
import { stub } from '../stubs/electron'
import { MemoryBackend } from './app-fake-engine'
import { startEmulator, type Emulator } from '../emulator/index'
import { textAnswer } from '../emulator/scripts'

const OPENAI_KEY = 'sk-users-real-openai-key'
let attacker: Emulator
let other: Emulator
let core: HostCore
const events: BridgeEvent[] = []
const ctx: CallContext = { sinkId: 'page', sink: (e) => events.push(e) }

async function q(name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> {
  return core.query({ name, input }, ctx) as Promise<{ ok: boolean; value?: unknown; error?: string }>
}

async function turn(text: string): Promise<void> {
  const conversationId = randomUUID()
  expect(await core.op({ type: 'user_turn', conversationId, text }, 'page')).toEqual({ ok: true })
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    if (
      events.some(
        (e) =>
          'conversationId' in e &&
          e.conversationId === conversationId &&
          (e.type === 'turn_complete' || e.type === 'turn_aborted' || (e.type === 'error' && e.fatal)),
      )
    )
      return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error('the turn did not end')
}

function authHeaders(emu: Emulator): string[] {
  return emu.requests.map((r) => r.headers.authorization ?? '').filter(Boolean)
}

beforeAll(async () => {
  attacker = await startEmulator({ apiKey: 'sk-attacker' })
  other = await startEmulator({ apiKey: 'sk-for-other-server' })
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'provider-keys-'))
  const services = browserHostServices({
    dataDir,
    env: { OPENAI_API_KEY: OPENAI_KEY },
    logger: silentLogger,
    version: 't',
  })
  core = new HostCore(services, silentLogger)
  // The engine is built lazily from settings; start from the default (OpenAI) provider.
  expect((await q('events.attach', {})).ok).toBe(true)
})

afterAll(async () => {
  await core.close()
  await attacker.close()
  await other.close()
})

describe('keys stay with their provider', () => {
  it('a page switching to a custom base URL does not send the OpenAI key there', async () => {
    const set = await q('settings.set', { provider: { kind: 'custom', baseUrl: attacker.openaiBase } })
    expect(set.ok).toBe(true)
    attacker.script({ steps: textAnswer('hi') })
    await turn('hello')
    expect(attacker.requests.length).toBeGreaterThan(0)
    for (const auth of authHeaders(attacker)) expect(auth).not.toContain(OPENAI_KEY)
    const seen = JSON.stringify(attacker.requests.map((r) => r.headers))
    expect(seen).not.toContain(OPENAI_KEY)
  })

  it('a key entered for a custom server goes to that server only', async () => {
    expect((await q('settings.set', { provider: { kind: 'custom', baseUrl: other.openaiBase } })).ok).toBe(
      true,
    )
    const stored = await q('secrets.set', { name: 'custom_api_key', value: 'sk-for-other-server' })
    expect(stored).toMatchObject({ ok: true, value: { customApiKey: { set: true } } })
    other.script({ steps: textAnswer('hello from the custom server') })
    await turn('hi custom')
    expect(authHeaders(other)).toContain('Bearer sk-for-other-server')
    expect(events.some((e) => e.type === 'agent_message' && e.text === 'hello from the custom server')).toBe(
      true,
    )

    // Moving the base URL to another host does not carry the custom key along.
    const before = attacker.requests.length
    const moved = await q('settings.set', { provider: { baseUrl: attacker.openaiBase } })
    expect(moved).toMatchObject({ ok: true, value: { secrets: { customApiKey: { set: false } } } })
    attacker.script({ steps: textAnswer('hi') })
    await turn('hello again')
    const later = attacker.requests.slice(before)
    expect(later.length).toBeGreaterThan(0)
    const seen = JSON.stringify(later.map((r) => r.headers))
    expect(seen).not.toContain('sk-for-other-server')
    expect(seen).not.toContain(OPENAI_KEY)
  })

  it('a custom key cannot be entered before there is a base URL to bind it to', async () => {
    expect((await q('settings.set', { provider: { kind: 'openai' } })).ok).toBe(true)
    const r = await q('secrets.set', { name: 'custom_api_key', value: 'sk-x' })
    expect(r.ok).toBe(false)
    expect(r.error).toMatch(/custom provider/i)
  })
})

describe('the custom key in the desktop app and in providerFor', () => {
  const settingsFor = (baseUrl: string) =>
    ({ ...DEFAULT_SETTINGS, provider: { kind: 'custom', baseUrl } }) as Settings
  const spec = (settings: Settings, customKey: string | null): EngineSpec => ({
    settings,
    apiKey: OPENAI_KEY,
    customKey,
    dataDir: os.tmpdir(),
    logger: silentLogger,
    missingKeyHint: '',
  })

  it('is stored with safeStorage, bound to its server, and never shown to the page', () => {
    stub.reset()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custom-secret-'))
    const settings = new SettingsService(new MemoryBackend(), silentLogger)
    settings.update({ provider: { kind: 'custom', baseUrl: 'https://llm.example.com/v1' } })
    const store = new SafeSecretStore(settings, silentLogger, { cwd: dir })
    store.put('custom_api_key', bindCustomKey(settings.get(), 'sk-custom-secret'))
    const disk = fs
      .readdirSync(dir)
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n')
    expect(disk).not.toContain('sk-custom-secret')
    expect(disk).toContain('"scheme": "safeStorage"')
    const raw = store.get('custom_api_key')
    expect(customKeyFor(raw, 'https://llm.example.com/v1')).toBe('sk-custom-secret')
    expect(customKeyView(raw, settings.get())).toEqual({ set: true, origin: 'https://llm.example.com' })
    expect(JSON.stringify(store.view())).not.toContain('sk-custom-secret')
  })

  it('goes to the same server only (any path, ws or http), never with the OpenAI key', async () => {
    const bound = bindCustomKey(settingsFor('https://llm.example.com/v1'), 'sk-c')
    const auth = async (s: Settings) => providerFor(spec(s, bound)).auth.headers()
    expect(await auth(settingsFor('https://llm.example.com/v2'))).toEqual({ Authorization: 'Bearer sk-c' })
    expect(await auth(settingsFor('https://llm.example.com:8443/v1'))).toEqual({})
    expect(await auth(settingsFor('http://llm.example.com/v1'))).toEqual({})
    expect(await auth(settingsFor('https://evil.example/v1'))).toEqual({})
    expect(await providerFor(spec(settingsFor('https://evil.example/v1'), null)).auth.headers()).toEqual({})
    // The OpenAI provider keeps its own key, at OpenAI's host.
    const openai = providerFor(spec({ ...DEFAULT_SETTINGS }, bound))
    expect(openai.baseUrl).toBe(OPENAI_BASE_URL)
    expect(await openai.auth.headers()).toEqual({ Authorization: `Bearer ${OPENAI_KEY}` })
    expect(originOf('wss://llm.example.com/v1')).toBe(originOf('https://llm.example.com/x'))
  })
})
