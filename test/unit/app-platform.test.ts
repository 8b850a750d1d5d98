// Small platform pieces of the Electron host: the system proxy answer, the tray icon and state.
import { describe, expect, it } from 'vitest'
import { SystemProxy, parsePacResult } from '../../main/app/system-proxy'
import { trayBitmap, trayStateFor, trayTooltip } from '../../main/app/tray-icon'
import { silentLogger } from '../../main/core/log'

describe('system proxy (Chromium resolveProxy answers)', () => {
  it('takes the first usable entry and skips SOCKS', () => {
    expect(parsePacResult('DIRECT')).toEqual({ proxy: null, skipped: [] })
    expect(parsePacResult('PROXY proxy.corp:3128; DIRECT')).toEqual({
      proxy: 'http://proxy.corp:3128',
      skipped: [],
    })
    expect(parsePacResult('SOCKS5 s:1080; HTTPS secure.corp:443')).toEqual({
      proxy: 'https://secure.corp:443',
      skipped: ['SOCKS5 s:1080'],
    })
    expect(parsePacResult('')).toEqual({ proxy: null, skipped: [] })
  })

  it('feeds the resolved proxy to the engine rule, and falls back to direct on failure', async () => {
    let answer: Promise<string> = Promise.resolve('PROXY p:8080')
    const sp = new SystemProxy(() => answer, silentLogger)
    expect(sp.rule(new URL('https://api.openai.com'))).toBeNull()
    expect(await sp.refresh('https://api.openai.com/v1')).toBe('http://p:8080')
    expect(sp.rule(new URL('wss://api.openai.com/v1/responses'))).toBe('http://p:8080')
    answer = Promise.reject(new Error('resolver down'))
    expect(await sp.refresh('https://api.openai.com/v1')).toBeNull()
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
