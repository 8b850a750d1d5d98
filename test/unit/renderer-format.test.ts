// Plain-words formatting for the status bar and the diagnostics panel.
import { describe, expect, it } from 'vitest'
import {
  formatBytes,
  formatMs,
  formatTokens,
  percent,
  resetsIn,
  windowLabel,
} from '../../renderer/src/state/format'
import { usageMeters } from '../../renderer/src/components/StatusBar'
import { plainError } from '../../renderer/src/components/error-words'

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0)
const at = (min: number) => NOW / 1000 + min * 60

describe('formatters', () => {
  it('says when a limit resets', () => {
    expect(resetsIn(at(2 * 60 + 14), NOW)).toBe('resets in 2 h 14 min')
    expect(resetsIn(at(45), NOW)).toBe('resets in 45 min')
    expect(resetsIn(at(3 * 60), NOW)).toBe('resets in 3 h')
    expect(resetsIn(at(3 * 1440 + 4 * 60 + 20), NOW)).toBe('resets in 3 d 4 h')
    expect(resetsIn(at(2 * 1440), NOW)).toBe('resets in 2 d')
    expect(resetsIn(at(-5), NOW)).toBe('resets now')
    expect(resetsIn(undefined, NOW)).toBeNull()
  })

  it('names windows, tokens, durations, bytes and percents', () => {
    expect([300, 10080, 1440, 90, undefined].map(windowLabel)).toEqual([
      '5 h',
      'weekly',
      '1 d',
      '90 min',
      'limit',
    ])
    expect([950, 1200, 12_345, 272_000, 1_050_000, 2_000_000].map(formatTokens)).toEqual([
      '950',
      '1.2k',
      '12k',
      '272k',
      '1.05M',
      '2M',
    ])
    expect([0.214, 76.4, 1520, 12_345].map(formatMs)).toEqual(['0.21 ms', '76 ms', '1.52 s', '12.3 s'])
    expect([582, 3072, 5 * 1024 * 1024].map(formatBytes)).toEqual(['582 B', '3.0 KiB', '5.00 MiB'])
    expect([12.4, 85, 101, -1].map(percent)).toEqual(['12%', '85%', '100%', '0%'])
  })

  it('builds one usage meter per window, named after the limit when it is not the main one', () => {
    const meters = usageMeters(
      {
        codex: {
          limit_id: 'codex',
          primary: { used_percent: 85, window_minutes: 300, resets_at: at(134) },
          secondary: { used_percent: 12, window_minutes: 10080, resets_at: at(3 * 1440) },
        },
        codex_other: { limit_id: 'codex_other', primary: { used_percent: 5, window_minutes: 300 } },
      },
      NOW,
    )
    expect(meters.map((m) => [m.label, m.used, m.reset])).toEqual([
      ['5 h', 85, 'resets in 2 h 14 min'],
      ['weekly', 12, 'resets in 3 d'],
      ['other 5 h', 5, null],
    ])
  })

  it('titles errors in plain words', () => {
    expect(plainError('rate_limited')).toBe('Rate limit reached')
    expect(plainError('whatever')).toBe('Something went wrong')
    expect(plainError(undefined)).toBe('Something went wrong')
  })
})
