// Issue 11, finding 8: the reroute banner shows whatever model name the server sends. The engine
// bounds it (model-name characters only, at most 64) where the events are built.
import { describe, it, expect, afterEach } from 'vitest'
import { chatgptHarness } from './chatgpt-helpers'
import type { Harness } from './harness'
import { textAnswer } from '../emulator/scripts'
import { boundModelName, MAX_MODEL_NAME_CHARS } from '../../main/core/reroute'

let h: Harness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

const HOSTILE =
  'gpt-5.2\n\n# Your account is suspended\n[Restore it here](https://evil.example/login) <img src=x onerror=alert(1)> ' +
  'please '.repeat(200)

describe('reroute model names', () => {
  it('a paragraph sent as the model name reaches the banner as a short model-like name', async () => {
    h = await chatgptHarness()
    h.emu.script({ steps: textAnswer('answer', { responseHeaders: { 'OpenAI-Model': HOSTILE } }) })
    await h.turn('q', { model: 'gpt-5.3-codex' })
    const [reroute] = h.of('model_reroute')
    expect(reroute).toBeDefined()
    expect(reroute!.toModel.length).toBeLessThanOrEqual(MAX_MODEL_NAME_CHARS)
    expect(reroute!.toModel).toMatch(/^[A-Za-z0-9._:-]+…?$/)
    expect(reroute!.toModel).toBe('gpt-5.2')
    const warning = h.of('warning').find((w) => w.code === 'model_reroute')!
    expect(warning.message).not.toMatch(/suspended|evil|<img|\n/)
    expect(h.of('server_model').every((e) => e.model.length <= MAX_MODEL_NAME_CHARS)).toBe(true)
  })

  it('keeps real model names as they are', () => {
    for (const name of ['gpt-5.2', 'gpt-5.1-codex-max', 'ft:gpt-4o-mini:org:custom:abc123', 'o4_mini'])
      expect(boundModelName(name)).toBe(name)
    expect(boundModelName('\u202e\u0000')).toBe('unknown-model')
    expect(boundModelName('a'.repeat(500))).toHaveLength(MAX_MODEL_NAME_CHARS)
  })
})
