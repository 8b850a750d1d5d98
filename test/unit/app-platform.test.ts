// Small platform pieces of the Electron host: the system proxy answer, the tray icon and state.
import { describe, expect, it } from 'vitest'
import { systemProxyRule } from '../../main/app/system-proxy'
import { pacRule, parsePacResult } from '../../main/core/net/pac'
import { trayBitmap, trayStateFor, trayTooltip } from '../../main/app/tray-icon'

describe('system proxy (Chromium resolveProxy answers)', () => {
  it('takes the first usable entry, SOCKS included', () => {
    expect(parsePacResult('DIRECT')).toEqual({ proxy: null, skipped: [] })
    expect(parsePacResult('PROXY proxy.corp:3128; DIRECT')).toEqual({
      proxy: 'http://proxy.corp:3128',
      skipped: [],
    })
    expect(parsePacResult('SOCKS5 s:1080; HTTPS secure.corp:443')).toEqual({
      proxy: 'socks5h://s:1080',
      skipped: [],
    })
    expect(parsePacResult('SOCKS s:1080')).toEqual({ proxy: 'socks4://s:1080', skipped: [] })
    expect(parsePacResult('QUIC q:443; HTTPS secure.corp:443')).toEqual({
      proxy: 'https://secure.corp:443',
      skipped: ['QUIC q:443'],
    })
    expect(parsePacResult('')).toEqual({ proxy: null, skipped: [] })
  })

  it('asks the resolver per origin, caches the answer, and goes direct when it fails', async () => {
    const asked: string[] = []
    let answer: () => Promise<string> = () => Promise.resolve('PROXY p:8080')
    let clock = 0
    const errors: string[] = []
    const rule = pacRule(
      (url) => {
        asked.push(url)
        return answer()
      },
      { ttlMs: 1000, now: () => clock, onError: (e) => errors.push(e.message) },
    )
    expect(await rule(new URL('https://api.openai.com/v1/models'))).toBe('http://p:8080')
    expect(await rule(new URL('https://api.openai.com/v1/responses'))).toBe('http://p:8080')
    expect(asked).toEqual(['https://api.openai.com/v1/models'])
    answer = () => Promise.reject(new Error('resolver down'))
    clock = 2000
    expect(await rule(new URL('https://api.openai.com/v1'))).toBeNull()
    expect(errors).toEqual(['resolver down'])
    // A failed lookup is not cached: the next connection asks again.
    answer = () => Promise.resolve('SOCKS5 127.0.0.1:1080; DIRECT')
    expect(await rule(new URL('https://api.openai.com/v1'))).toBe('socks5h://127.0.0.1:1080')
    const logged: string[] = []
    const sys = systemProxyRule(() => Promise.resolve('QUIC q:1; DIRECT'), {
      log: (_level, msg) => logged.push(msg),
    })
    expect(await sys(new URL('https://x.y'))).toBeNull()
    expect(logged).toEqual(['system proxy entries not supported'])
  })
})

describe('tray icon', () => {
  it('draws a BGRA circle in the state colour', () => {
    const bmp = trayBitmap('busy', 16)
    expect(bmp.length).toBe(16 * 16 * 4)
    const centre = (8 * 16 + 8) * 4
    expect([bmp[centre + 2], bmp[centre + 1], bmp[centre], bmp[centre + 3]]).toEqual([0x25, 0x63, 0xeb, 255])
    expect(bmp[3]).toBe(0) // corner transparent
  })

  it('shows attention first, then busy while answering', () => {
    expect(trayStateFor(0, false)).toBe('idle')
    expect(trayStateFor(2, false)).toBe('busy')
    expect(trayStateFor(2, true)).toBe('attention')
    expect(trayTooltip('busy', 2)).toBe('Assistant: answering (2)')
  })

  it('shows that voice is live, above a running answer', () => {
    expect(trayStateFor(0, false, true)).toBe('voice')
    expect(trayStateFor(3, false, true)).toBe('voice')
    expect(trayStateFor(3, true, true)).toBe('attention')
    expect(trayTooltip('voice', 0)).toBe('Assistant: voice is live')
    expect(trayBitmap('voice')).not.toEqual(trayBitmap('busy'))
  })
})
