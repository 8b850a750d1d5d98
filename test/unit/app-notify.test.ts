// Notifications: exactly one per reroute; rate limits once per crossing of 80% and 95% per window.
import { beforeEach, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import type { EngineEvent } from '@shared/events'
import { NotificationPolicy, formatReset } from '../../main/app/notify-policy'
import { Notifier } from '../../main/app/notifications'
import { SettingsService } from '../../main/host/settings-service'
import { silentLogger } from '../../main/core/log'
import { stub } from '../stubs/electron'
import { MemoryBackend } from './app-fake-engine'

const on = { reroute: true, rateLimits: true }
const cid = randomUUID()
const reroute = (turnId: string): EngineEvent[] => [
  {
    type: 'model_reroute',
    conversationId: cid,
    turnId,
    fromModel: 'gpt-5.3-codex',
    toModel: 'gpt-5.2',
    reason: 'high_risk_cyber_activity',
  },
  {
    type: 'warning',
    conversationId: cid,
    turnId,
    code: 'model_reroute',
    message: 'Your account was flagged … routed to gpt-5.2',
  },
]
const limits = (primary: number, resetsAt = 2_000_000_000, secondary?: number): EngineEvent => ({
  type: 'rate_limits',
  conversationId: cid,
  snapshot: {
    limit_id: 'codex',
    primary: { used_percent: primary, window_minutes: 300, resets_at: resetsAt },
    ...(secondary !== undefined
      ? { secondary: { used_percent: secondary, window_minutes: 10080, resets_at: resetsAt + 86400 } }
      : {}),
  },
})

describe('notification policy', () => {
  it('raises exactly one notification per rerouted turn, naming both models', () => {
    const p = new NotificationPolicy(() => '14:30')
    const out = reroute('t1').flatMap((e) => p.onEvent(e, on))
    expect(out).toEqual([
      {
        kind: 'reroute',
        title: 'Your request was rerouted',
        body: 'You asked for gpt-5.3-codex; gpt-5.2 answered.',
        conversationId: cid,
      },
    ])
    // The same events again (e.g. replayed) do not notify twice; another turn does.
    expect(reroute('t1').flatMap((e) => p.onEvent(e, on))).toEqual([])
    expect(reroute('t2').flatMap((e) => p.onEvent(e, on))).toHaveLength(1)
  })

  it('notifies once per crossing of 80% and 95%, with the reset time', () => {
    const p = new NotificationPolicy(() => '14:30')
    const seq = [50, 79.9, 80, 85, 94, 95, 99, 100].map((v) => p.onEvent(limits(v), on))
    expect(seq.map((n) => n.length)).toEqual([0, 0, 1, 0, 0, 1, 0, 0])
    expect(seq[2]![0]).toMatchObject({
      kind: 'rate_limit',
      title: '80% of your 5-hour limit used',
      body: 'You passed 80% of this limit. It resets at 14:30.',
      conversationId: cid,
    })
    expect(seq[5]![0]!.body).toContain('95%')
  })

  it('re-arms when a new window starts or usage falls back below', () => {
    const p = new NotificationPolicy(() => 'later')
    expect(p.onEvent(limits(82, 1000), on)).toHaveLength(1)
    expect(p.onEvent(limits(83, 1000), on)).toHaveLength(0)
    // Next window (reset time moved on): crossing 80% again notifies again.
    expect(p.onEvent(limits(81, 1000 + 18000), on)).toHaveLength(1)
    // Usage dropped (no reset info change) and rose again: a new crossing.
    expect(p.onEvent(limits(10, 1000 + 18000), on)).toHaveLength(0)
    expect(p.onEvent(limits(90, 1000 + 18000), on)).toHaveLength(1)
  })

  it('a jump past both thresholds is one notification (about 95%), per window', () => {
    const p = new NotificationPolicy(() => 'x')
    const out = p.onEvent(limits(97, 5000, 81), on)
    expect(out.map((n) => n.body)).toEqual([
      'You passed 95% of this limit. It resets at x.',
      'You passed 80% of this limit. It resets at x.',
    ])
    expect(out[1]!.title).toBe('81% of your weekly limit used')
    expect(p.onEvent(limits(96, 5000, 94), on)).toHaveLength(0)
  })

  it('respects the settings but still tracks state (no burst when re-enabled)', () => {
    const p = new NotificationPolicy(() => 'x')
    expect(p.onEvent(limits(85), { reroute: true, rateLimits: false })).toEqual([])
    expect(p.onEvent(limits(86), on)).toEqual([])
    expect(reroute('t9').flatMap((e) => p.onEvent(e, { reroute: false, rateLimits: true }))).toEqual([])
  })

  it('formats reset times', () => {
    const now = new Date(2030, 0, 1, 9, 0).getTime()
    expect(formatReset(new Date(2030, 0, 1, 14, 30).getTime() / 1000, now, 'en-GB')).toBe('14:30')
    expect(formatReset(new Date(2030, 0, 3, 14, 30).getTime() / 1000, now, 'en-GB')).toMatch(/^Thu 14:30$/)
  })
})

describe('Notifier (electron Notification)', () => {
  beforeEach(() => stub.reset())

  it('shows one OS notification per reroute and opens the conversation on click', () => {
    const opened: (string | null)[] = []
    const settings = new SettingsService(new MemoryBackend(), silentLogger)
    const n = new Notifier(
      settings,
      (c) => opened.push(c),
      () => undefined,
      silentLogger,
    )
    for (const e of [...reroute('a'), ...reroute('a')]) n.onEvent(e)
    expect(stub.notifications).toHaveLength(1)
    expect(stub.notifications[0]!.options.title).toBe('Your request was rerouted')
    stub.notifications[0]!.emit('click')
    expect(opened).toEqual([cid])
  })

  it('stays quiet when the setting is off, and copes with no notification support', () => {
    const settings = new SettingsService(new MemoryBackend(), silentLogger)
    settings.update({ notifications: { reroute: false } })
    const shown: string[] = []
    const n = new Notifier(
      settings,
      () => undefined,
      (s) => shown.push(s.title),
      silentLogger,
    )
    for (const e of reroute('b')) n.onEvent(e)
    expect(stub.notifications).toHaveLength(0)
    stub.notificationsSupported = false
    n.onEvent(limits(99))
    expect(shown).toEqual(['99% of your 5-hour limit used'])
    expect(stub.notifications).toHaveLength(0)
  })

  it('marks attention only for a notification the OS showed; a failed one (unsigned macOS) is logged', () => {
    const settings = new SettingsService(new MemoryBackend(), silentLogger)
    const shown: string[] = []
    const logged: string[] = []
    const logger = { log: (_l: string, msg: string) => void logged.push(msg) }
    const n = new Notifier(
      settings,
      () => undefined,
      (s) => shown.push(s.title),
      logger,
    )
    stub.notificationsFail = true
    for (const e of reroute('c')) n.onEvent(e)
    expect(stub.notifications).toHaveLength(1)
    expect(shown).toEqual([])
    expect(logged).toEqual(['the OS did not show a notification'])
    stub.notificationsFail = false
    for (const e of reroute('d')) n.onEvent(e)
    expect(shown).toEqual(['Your request was rerouted'])
  })
})
