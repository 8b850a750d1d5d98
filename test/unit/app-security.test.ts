// Window and session hardening: CSP everywhere the app's page is served, permissions (microphone
// only), navigation and new windows blocked, external links only as checked https URLs.
import { beforeEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { EventEmitter } from 'node:events'
import { decidePermission, decidePermissionCheck } from '../../main/app/permissions'
import { isSafeExternalUrl } from '../../main/app/external-links'
import { checkSender } from '../../main/app/sender-check'
import { hardenContents, secureSession } from '../../main/app/security'
import { APP_CSP } from '../../main/host/csp'
import { SECURITY_HEADERS, resolveInside } from '../../main/host/web/static'
import { silentLogger } from '../../main/core/log'
import { stub } from '../stubs/electron'

const isApp = (url: string) => url.startsWith('app://renderer/') || url === 'app://renderer'

describe('permissions', () => {
  it('allows only the microphone, only for the app page; asks the OS on macOS', () => {
    const mic = { permission: 'media', requestingUrl: 'app://renderer/index.html', mediaTypes: ['audio'] }
    expect(decidePermission(mic, isApp, 'linux')).toBe('allow')
    expect(decidePermission(mic, isApp, 'darwin')).toBe('ask-os-microphone')
    expect(decidePermission({ ...mic, mediaTypes: ['audio', 'video'] }, isApp, 'linux')).toBe('deny')
    expect(decidePermission({ ...mic, mediaTypes: [] }, isApp, 'linux')).toBe('deny')
    expect(decidePermission({ ...mic, requestingUrl: 'https://evil.example' }, isApp, 'linux')).toBe('deny')
    for (const p of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'display-capture',
      'midiSysex',
    ])
      expect(decidePermission({ ...mic, permission: p }, isApp, 'linux')).toBe('deny')
    expect(decidePermissionCheck('media', 'app://renderer', 'audio', isApp)).toBe(true)
    expect(decidePermissionCheck('media', 'app://renderer', 'video', isApp)).toBe(false)
    expect(decidePermissionCheck('clipboard-read', 'app://renderer', undefined, isApp)).toBe(false)
  })
})

describe('links and senders', () => {
  it('opens only https URLs without credentials', () => {
    expect(isSafeExternalUrl('https://developers.openai.com/codex')).toBe(true)
    for (const bad of [
      'http://x.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@x.com',
      'not a url',
      `https://x.com/${'a'.repeat(3000)}`,
    ])
      expect(isSafeExternalUrl(bad)).toBe(false)
  })

  it('accepts the app page in the main frame of our window only', () => {
    const policy = { appOrigins: ['app://renderer'], isOurWindow: (id: number) => id === 1 }
    expect(
      checkSender(
        { frameUrl: 'app://renderer/index.html#quick', isMainFrame: true, webContentsId: 1 },
        policy,
      ),
    ).toEqual({ ok: true })
    expect(
      checkSender({ frameUrl: 'app://renderer.evil/index.html', isMainFrame: true, webContentsId: 1 }, policy)
        .ok,
    ).toBe(false)
    expect(
      checkSender({ frameUrl: 'app://renderer/x', isMainFrame: false, webContentsId: 1 }, policy).ok,
    ).toBe(false)
  })
})

describe('session and window hardening', () => {
  beforeEach(() => stub.reset())

  function fakeSession() {
    const s: any = { calls: {} as Record<string, any> }
    s.webRequest = { onHeadersReceived: (fn: any) => (s.calls.headers = fn) }
    s.setPermissionRequestHandler = (fn: any) => (s.calls.request = fn)
    s.setPermissionCheckHandler = (fn: any) => (s.calls.check = fn)
    s.setDevicePermissionHandler = (fn: any) => (s.calls.device = fn)
    return s
  }

  it('sends the same CSP as the shared constant, the browser host and the page meta tag', () => {
    const s = fakeSession()
    secureSession(s, isApp, silentLogger)
    let result: any
    s.calls.headers(
      { resourceType: 'mainFrame', url: 'app://renderer/index.html', responseHeaders: { a: ['b'] } },
      (r: any) => (result = r),
    )
    expect(result.responseHeaders['Content-Security-Policy']).toEqual([APP_CSP])
    expect(result.responseHeaders.a).toEqual(['b'])
    s.calls.headers(
      { resourceType: 'mainFrame', url: 'https://elsewhere.example/', responseHeaders: {} },
      (r: any) => (result = r),
    )
    expect(result).toEqual({})
    expect(SECURITY_HEADERS['content-security-policy']).toBe(APP_CSP)
    const html = fs.readFileSync(path.resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    // A meta CSP cannot carry frame-ancestors; everything else is identical.
    expect(meta).toBe(APP_CSP.replace(" frame-ancestors 'none';", ''))
  })

  it('denies permission requests other than the microphone, and device access', async () => {
    const s = fakeSession()
    secureSession(s, isApp, silentLogger)
    const ask = (permission: string, details: object) =>
      new Promise((r) => s.calls.request({}, permission, r, details))
    expect(await ask('media', { requestingUrl: 'app://renderer/index.html', mediaTypes: ['audio'] })).toBe(
      true,
    )
    expect(await ask('media', { requestingUrl: 'app://renderer/index.html', mediaTypes: ['video'] })).toBe(
      false,
    )
    expect(await ask('geolocation', { requestingUrl: 'app://renderer/index.html' })).toBe(false)
    expect(s.calls.check({}, 'media', 'app://renderer', { mediaType: 'audio' })).toBe(true)
    expect(s.calls.device()).toBe(false)
  })

  it('blocks navigation, redirects, webviews and new windows; https links go to the browser', () => {
    const contents: any = Object.assign(new EventEmitter(), {
      setWindowOpenHandler: (fn: any) => (contents.openHandler = fn),
    })
    hardenContents(contents, isApp, silentLogger)
    const nav = (event: string, url: string) => {
      let prevented = false
      contents.emit(event, { preventDefault: () => (prevented = true) }, url)
      return prevented
    }
    expect(nav('will-navigate', 'app://renderer/index.html')).toBe(false)
    expect(nav('will-navigate', 'https://example.com/page')).toBe(true)
    expect(nav('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(nav('will-redirect', 'https://example.com/')).toBe(true)
    expect(nav('will-attach-webview', 'x')).toBe(true)
    expect(contents.openHandler({ url: 'https://docs.example/x' })).toEqual({ action: 'deny' })
    expect(contents.openHandler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(stub.openedExternal).toEqual(['https://example.com/page', 'https://docs.example/x'])
  })

  it('serves only files inside the renderer directory', () => {
    const root = '/srv/renderer'
    expect(resolveInside(root, '/assets/index.js')).toBe('/srv/renderer/assets/index.js')
    expect(resolveInside(root, '/../../etc/passwd')).toBe('/srv/renderer/etc/passwd')
    expect(resolveInside(root, '/%2e%2e/%2e%2e/etc/passwd')).toBe('/srv/renderer/etc/passwd')
    expect(resolveInside(root, '/a%00b')).toBeNull()
    expect(resolveInside(root, '/%E0%A4%A')).toBeNull()
  })
})
