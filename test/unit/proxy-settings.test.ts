// Settings accept exactly the proxy URLs the engine can use, and a stored URL the engine cannot
// use connects directly with a warning instead of stopping the host at start.
import { describe, expect, it } from 'vitest'
import { ProxySettings, Settings, DEFAULT_SETTINGS } from '@shared/bridge'
import { ruleFromSettings } from '../../main/host/proxy-test'
import { directRule, normalizeProxyUrl, type ProxyRule } from '../../main/core/net/proxy'
import type { LogLevel } from '../../main/core/log'

const bad = [
  'socks5a://proxy:1080',
  'socks4h://proxy:1080',
  'socksa://proxy:1080',
  'socksh://proxy:1080',
  'http://proxy:99999',
]
const good = [
  'http://proxy:8080',
  'https://u:p@proxy',
  'socks://p:1080',
  'socks4a://p:1080',
  'socks5h://p:1080',
]

describe('proxy URL in settings', () => {
  it.each(bad)('rejects %s, which the engine cannot use', (url) => {
    expect(() => normalizeProxyUrl(url)).toThrow()
    expect(ProxySettings.safeParse({ mode: 'custom', url }).success).toBe(false)
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, proxy: { mode: 'custom', url } }).success).toBe(false)
  })

  it.each(good)('accepts %s, which the engine uses', (url) => {
    expect(ProxySettings.safeParse({ mode: 'custom', url }).success).toBe(true)
    expect(() => normalizeProxyUrl(url)).not.toThrow()
  })
})

describe('ruleFromSettings', () => {
  const system: ProxyRule = () => 'http://system:3128'

  it('falls back to a direct connection with a warning for an unusable stored URL', async () => {
    const lines: { level: LogLevel; message: string; proxy: unknown }[] = []
    const logger = {
      log: (level: LogLevel, message: string, f?: Record<string, unknown>) =>
        lines.push({ level, message, proxy: f?.proxy }),
    }
    const rule = ruleFromSettings({ mode: 'custom', url: 'socks5a://u:secret@proxy:1080' }, system, logger)
    expect(rule).toBe(directRule)
    expect(await rule(new URL('https://api.openai.com/v1'))).toBeNull()
    expect(lines).toHaveLength(1)
    expect(lines[0]?.level).toBe('warn')
    expect(String(lines[0]?.proxy)).not.toContain('secret')
  })

  it('still uses a valid custom URL, none and system', async () => {
    const target = new URL('https://api.openai.com/v1')
    expect(await ruleFromSettings({ mode: 'custom', url: 'socks5h://p:1080' }, system)(target)).toBe(
      'socks5h://p:1080',
    )
    expect(ruleFromSettings({ mode: 'none', url: 'socks5a://p' }, system)).toBe(directRule)
    expect(ruleFromSettings({ mode: 'system', url: '' }, system)).toBe(system)
  })
})
