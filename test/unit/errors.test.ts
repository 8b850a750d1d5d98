import { describe, it, expect } from 'vitest'
import { mapResponseFailed, mapHttpStatus } from '../../main/core/responses/errors'
import { backoffMs, delayFromMessage, parseRetryAfter } from '../../main/core/responses/retry'

describe('response.failed mapping (protocol.md §1.7)', () => {
  it('parses the rate-limit delay in seconds and milliseconds', () => {
    const s = mapResponseFailed({
      code: 'rate_limit_exceeded',
      message: 'Rate limit reached. Please try again in 11.054s.',
    })
    expect(s).toMatchObject({ retryable: true, code: 'rate_limited' })
    expect(s.extra.delayMs).toBe(11054)
    expect(
      mapResponseFailed({ code: 'rate_limit_exceeded', message: 'try again in 28ms' }).extra.delayMs,
    ).toBe(28)
    expect(delayFromMessage('Try Again In 3 seconds')).toBe(3000)
  })

  it('makes context_length_exceeded fatal even with a newline in the message', () => {
    const e = mapResponseFailed({
      code: 'context_length_exceeded',
      message: 'Your input exceeds\nthe context window.',
    })
    expect(e).toMatchObject({ retryable: false, code: 'context_length_exceeded' })
  })

  it('maps the other codes', () => {
    expect(mapResponseFailed({ code: 'insufficient_quota' })).toMatchObject({
      retryable: false,
      code: 'quota_exceeded',
    })
    expect(mapResponseFailed({ code: 'usage_not_included' })).toMatchObject({ retryable: false })
    expect(mapResponseFailed({ code: 'cyber_policy', message: '  ' }).message).toBe(
      'This request has been flagged for possible cybersecurity risk.',
    )
    expect(mapResponseFailed({ code: 'invalid_prompt' }).message).toBe('Invalid request.')
    expect(mapResponseFailed({ code: 'server_is_overloaded' })).toMatchObject({
      retryable: false,
      code: 'server_overloaded',
    })
    expect(mapResponseFailed({ code: 'weird', message: 'boom' })).toMatchObject({
      retryable: true,
      message: 'boom',
    })
    expect(mapResponseFailed(null).message).toBe('response.failed event received')
  })
})

describe('HTTP status mapping', () => {
  it('retries 5xx and 429, not 400 or 401', () => {
    expect(mapHttpStatus(500, '', null).retryable).toBe(true)
    expect(mapHttpStatus(429, '{"error":{"message":"slow down"}}', 2000)).toMatchObject({
      retryable: true,
      message: 'Rate limited (HTTP 429): slow down',
    })
    expect(mapHttpStatus(429, '', 2000).extra.delayMs).toBe(2000)
    expect(mapHttpStatus(429, '{"error":{"type":"usage_limit_reached"}}', null).retryable).toBe(false)
    expect(mapHttpStatus(400, '{"error":{"message":"bad"}}', null)).toMatchObject({
      retryable: false,
      code: 'http_error',
    })
    expect(mapHttpStatus(401, '', null)).toMatchObject({ retryable: false, code: 'unauthorized' })
  })
})

describe('backoff', () => {
  it('doubles from 200 ms with ±10% jitter', () => {
    expect(backoffMs(1, () => 0.5)).toBe(200)
    expect(backoffMs(3, () => 0.5)).toBe(800)
    expect(backoffMs(1, () => 0)).toBe(180)
    expect(backoffMs(1, () => 0.999999)).toBe(220)
  })
  it('parses retry-after in seconds and as a date', () => {
    expect(parseRetryAfter('2')).toBe(2000)
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000)
    expect(parseRetryAfter('soon')).toBeNull()
    expect(parseRetryAfter(undefined)).toBeNull()
  })
})
