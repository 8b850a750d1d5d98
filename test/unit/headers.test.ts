import { describe, it, expect } from 'vitest'
import {
  headerGetter,
  parseRateLimitHeaders,
  readResponseMeta,
  modelFromHeaderMap,
} from '../../main/core/responses/headers'

function meta(h: Record<string, string>) {
  const lower = Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]))
  return readResponseMeta(headerGetter(lower), Object.keys(lower))
}

describe('rate-limit headers (protocol.md §3.1)', () => {
  it('parses the codex primary window', () => {
    const m = meta({
      'x-codex-primary-used-percent': '12.5',
      'x-codex-primary-window-minutes': '60',
      'x-codex-primary-reset-at': '1704069000',
    })
    expect(m.rateLimits).toEqual([
      { limit_id: 'codex', primary: { used_percent: 12.5, window_minutes: 60, resets_at: 1704069000 } },
    ])
  })

  it('discovers other families and normalises their id', () => {
    const m = meta({
      'x-codex-secondary-primary-used-percent': '80',
      'x-codex-secondary-primary-window-minutes': '300',
      'X-Codex-Bengalfox-Primary-Used-Percent': '5',
      'x-codex-bengalfox-primary-window-minutes': '10080',
    })
    expect(m.rateLimits.map((s) => s.limit_id)).toEqual(['codex', 'codex_secondary', 'codex_bengalfox'])
    expect(m.rateLimits[1]).toEqual({
      limit_id: 'codex_secondary',
      primary: { used_percent: 80, window_minutes: 300 },
    })
  })

  it('produces one empty codex snapshot without headers', () => {
    expect(meta({}).rateLimits).toEqual([{ limit_id: 'codex' }])
  })

  it('drops a window that is all zero and one whose percent does not parse', () => {
    const m = meta({
      'x-codex-primary-used-percent': '0',
      'x-codex-primary-window-minutes': '0',
      'x-codex-secondary-used-percent': 'abc',
      'x-codex-secondary-window-minutes': '60',
    })
    expect(m.rateLimits).toEqual([{ limit_id: 'codex' }])
  })

  it('parses credits only when both booleans parse', () => {
    const both = meta({
      'x-codex-credits-has-credits': 'TRUE',
      'x-codex-credits-unlimited': '0',
      'x-codex-credits-balance': ' 9 ',
    })
    expect(both.rateLimits[0]?.credits).toEqual({ has_credits: true, unlimited: false, balance: '9' })
    const one = meta({ 'x-codex-credits-has-credits': 'true' })
    expect(one.rateLimits[0]?.credits).toBeUndefined()
  })

  it('reads server model, models etag, reasoning-included, turn state and request id', () => {
    const m = meta({
      'OpenAI-Model': 'gpt-5.2',
      'x-models-etag': '  "e1" ',
      'x-reasoning-included': 'anything',
      'x-codex-turn-state': 'ts-1',
      'x-request-id': 'req-9',
    })
    expect(m).toMatchObject({
      serverModel: 'gpt-5.2',
      modelsEtag: '"e1"',
      reasoningIncluded: true,
      turnState: 'ts-1',
      requestId: 'req-9',
    })
    expect(meta({ 'x-models-etag': '  ' }).modelsEtag).toBeNull()
    expect(meta({}).reasoningIncluded).toBe(false)
  })

  it('finds the server model in header-shaped payload data, string or array', () => {
    expect(modelFromHeaderMap({ 'OpenAI-Model': 'gpt-5.2' })).toBe('gpt-5.2')
    expect(modelFromHeaderMap({ 'x-openai-model': [1, 'gpt-4o'] })).toBe('gpt-4o')
    expect(modelFromHeaderMap({ other: 'x' })).toBeNull()
    expect(parseRateLimitHeaders(() => undefined, [])).toEqual([{ limit_id: 'codex' }])
  })
})
