import { describe, it, expect, afterEach } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { chatgptHarness } from './chatgpt-helpers'
import { harness, bodyOf, type Harness } from './harness'
import { textAnswer } from '../emulator/scripts'
import { CLIENT_VERSION } from '../../main/core/provider'

let h: Harness
afterEach(async () => h?.close())

const cacheFile = (h: Harness) => path.join(h.dataDir, 'models_cache.json')
const readCache = (h: Harness) => JSON.parse(fs.readFileSync(cacheFile(h), 'utf8'))

describe('/models metadata (protocol.md §8)', () => {
  it('fetches with client_version, caches with the ETag, and feeds the request and context meter', async () => {
    h = await chatgptHarness({ emulator: { modelsEtag: '"models-etag-ttl"' } })
    const list = await h.session.listModels()
    expect(list.source).toBe('remote')
    expect(list.models.map((m) => m.slug)).toEqual(['gpt-5.3-codex', 'gpt-5.2'])
    expect(list.defaultModel).toBe('gpt-5.3-codex')
    const get = h.emu.requests.find((r) => r.path.endsWith('/models'))!
    expect(get.query.client_version).toBe(CLIENT_VERSION)
    expect(get.headers.authorization).toBe('Bearer chatgpt-access-1')
    expect(get.headers['chatgpt-account-id']).toBe('acct-1')
    expect(readCache(h)).toMatchObject({ etag: '"models-etag-ttl"', client_version: CLIENT_VERSION })

    h.emu.script({ steps: textAnswer('hi', { usage: { input_tokens: 1000, output_tokens: 10 } }) })
    await h.turn('hello')
    expect(bodyOf(h.emu, 0).instructions).toBe('You are a coding agent running in a desktop assistant.')
    expect(h.of('token_count')[0]).toMatchObject({
      contextWindow: 272000,
      effectiveContextWindow: 258400,
      autoCompactTokenLimit: 244800,
    })
  })

  it('a response with the same ETag renews the TTL without refetching', async () => {
    h = await chatgptHarness({ emulator: { modelsEtag: '"models-etag-ttl"' } })
    await h.session.listModels()
    const cache = readCache(h)
    fs.writeFileSync(cacheFile(h), JSON.stringify({ ...cache, fetched_at: new Date(0).toISOString() }))
    h.emu.script({ headers: { 'X-Models-Etag': '"models-etag-ttl"' }, steps: textAnswer('ok') })
    await h.turn('hello')
    await expect.poll(() => Date.parse(readCache(h).fetched_at)).toBeGreaterThan(Date.now() - 60_000)
    expect(h.emu.modelsCalls()).toBe(1)
  })

  it('a response with a different ETag refetches /models', async () => {
    h = await chatgptHarness()
    await h.session.listModels()
    h.emu.setModels([{ slug: 'gpt-9', context_window: 1000, experimental_supported_tools: [] }], '"etag-2"')
    h.emu.script({ headers: { 'x-models-etag': '"etag-2"' }, steps: textAnswer('ok') })
    await h.turn('hello', { model: 'gpt-5.2' })
    await expect.poll(() => h.emu.modelsCalls()).toBe(2)
    await expect.poll(() => readCache(h).etag).toBe('"etag-2"')
    expect((await h.session.listModels()).models.map((m) => m.slug)).toEqual(['gpt-9'])
  })

  it('uses a fresh cache with the same client version without any request', async () => {
    h = await chatgptHarness()
    fs.writeFileSync(
      cacheFile(h),
      JSON.stringify({
        fetched_at: new Date().toISOString(),
        etag: '"x"',
        client_version: CLIENT_VERSION,
        models: [{ slug: 'cached-model', experimental_supported_tools: [] }],
      }),
    )
    const list = await h.session.listModels()
    expect(list).toMatchObject({ source: 'cache', defaultModel: 'cached-model' })
    expect(h.emu.modelsCalls()).toBe(0)
  })

  it('refetches when the cache has no client_version or another one', async () => {
    for (const version of [undefined, '0.0.1']) {
      h = await chatgptHarness()
      const cache: Record<string, unknown> = {
        fetched_at: new Date().toISOString(),
        models: [{ slug: 'stale', experimental_supported_tools: [] }],
      }
      if (version) cache.client_version = version
      fs.writeFileSync(cacheFile(h), JSON.stringify(cache))
      const list = await h.session.listModels()
      expect(list.source).toBe('remote')
      expect(h.emu.modelsCalls()).toBe(1)
      await h.close()
    }
  })

  it('falls back to the built-in catalog when /models answers in the public API shape, and says so', async () => {
    h = await harness()
    const list = await h.session.listModels()
    expect(list.source).toBe('builtin')
    expect(list.models.find((m) => m.slug === 'gpt-4.1')?.context_window).toBe(1047576)
    expect(h.logs.some((l) => /built-in catalog/.test(l.message))).toBe(true)
  })
})
