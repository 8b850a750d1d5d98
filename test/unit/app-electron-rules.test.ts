// Electron's own rules that the app relies on, checked against Electron's sources instead of our
// memory of them: permission names and menu roles from node_modules/electron/electron.d.ts, the
// sandboxed preload's require allow-list from electron/electron (test/fixtures, with its commit),
// and the desktop identity (appId, desktopName, StartupWMClass) in package.json.
import { beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { APP_PAGE_PERMISSIONS, decidePermission, decidePermissionCheck } from '../../main/app/permissions'
import { appMenuTemplate } from '../../main/app/app-menu'
import { APP_ID } from '../../main/app/identity'
import { secureSession } from '../../main/app/security'
import { silentLogger } from '../../main/core/log'
import { nodeTool } from '../../scripts/package-bin.mjs'
import allowList from '../fixtures/electron-sandboxed-preload.json'

const ROOT = path.resolve(import.meta.dirname, '../..')
const dts = fs.readFileSync(path.join(ROOT, 'node_modules/electron/electron.d.ts'), 'utf8')
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
const isApp = (url: string) => url === 'app://renderer' || url.startsWith('app://renderer/')

/** The string literals of a union in the .d.ts, from the declaration matching `re`. */
function unionAfter(re: RegExp): Set<string> {
  const m = re.exec(dts)
  if (!m) throw new Error(`not found in electron.d.ts: ${re}`)
  return new Set([...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!))
}

describe("permissions (Electron's names)", () => {
  const requestNames = unionAfter(
    /setPermissionRequestHandler\(handler: \(\(webContents: WebContents, permission: ([^,]+),/,
  )
  const checkNames = unionAfter(
    /setPermissionCheckHandler\(handler: \(\(webContents: \(WebContents\) \| \(null\), permission: ([^,]+),/,
  )

  it('every permission we grant is a name both handlers receive', () => {
    for (const name of [...APP_PAGE_PERMISSIONS, 'media']) {
      expect(requestNames.has(name), name).toBe(true)
      expect(checkNames.has(name), name).toBe(true)
    }
    expect(APP_PAGE_PERMISSIONS).toEqual(['clipboard-sanitized-write'])
  })

  it('the copy buttons may write the clipboard from the app page, in both handlers; nobody else may', async () => {
    const calls: Record<string, any> = {}
    const ses: any = {
      webRequest: { onHeadersReceived: () => undefined },
      setPermissionRequestHandler: (fn: any) => (calls.request = fn),
      setPermissionCheckHandler: (fn: any) => (calls.check = fn),
      setDevicePermissionHandler: (fn: any) => (calls.device = fn),
    }
    secureSession(ses, isApp, silentLogger)
    const ask = (permission: string, requestingUrl: string) =>
      new Promise((r) => calls.request({}, permission, r, { requestingUrl }))
    expect(await ask('clipboard-sanitized-write', 'app://renderer/index.html')).toBe(true)
    expect(await ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
    expect(await ask('clipboard-read', 'app://renderer/index.html')).toBe(false)
    expect(calls.check({}, 'clipboard-sanitized-write', 'app://renderer', {})).toBe(true)
    expect(calls.check({}, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false)
    expect(calls.check({}, 'clipboard-read', 'app://renderer', {})).toBe(false)
    // Everything else Electron knows stays denied for our own page too.
    for (const name of requestNames) {
      if (name === 'clipboard-sanitized-write' || name === 'media') continue
      expect(
        decidePermission({ permission: name, requestingUrl: 'app://renderer/' }, isApp, 'linux'),
        name,
      ).toBe('deny')
      expect(decidePermissionCheck(name, 'app://renderer', undefined, isApp), name).toBe(false)
    }
  })
})

describe("application menu (Electron's roles)", () => {
  const roles = unionAfter(/interface MenuItemConstructorOptions \{[\s\S]*?role\?: \(([^)]+)\)/)
  const rolesOf = (items: any[]): string[] =>
    items.flatMap((i) => [
      ...(i.role ? [i.role] : []),
      ...(Array.isArray(i.submenu) ? rolesOf(i.submenu) : []),
    ])

  it('uses only roles Electron defines, on every platform', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const)
      for (const dev of [true, false])
        for (const role of rolesOf(appMenuTemplate({ dev, platform })))
          expect(roles.has(role), role).toBe(true)
  })

  it('keeps the Edit roles everywhere; Reload and DevTools only in development', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const shipped = rolesOf(appMenuTemplate({ dev: false, platform }))
      for (const r of ['undo', 'copy', 'paste', 'selectAll', 'cut']) expect(shipped).toContain(r)
      for (const r of ['reload', 'forceReload', 'toggleDevTools']) expect(shipped).not.toContain(r)
      expect(rolesOf(appMenuTemplate({ dev: true, platform }))).toContain('toggleDevTools')
    }
  })
})

describe('sandboxed preload (Electron allow-list)', () => {
  const bundle = path.join(ROOT, 'out/preload/index.cjs')
  beforeAll(() => {
    if (fs.existsSync(bundle)) return
    const r = spawnSync(...nodeTool('electron-vite', ['build']), { cwd: ROOT, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`)
  }, 120_000)

  it('the fixture records where the list comes from', () => {
    expect(allowList.commit).toMatch(/^[0-9a-f]{40}$/)
    expect(allowList.modules).toContain('electron')
  })

  it('the built preload requires only allowed modules and uses only sandbox-available Electron APIs', () => {
    const code = fs.readFileSync(bundle, 'utf8')
    const required = [...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]!)
    expect(required.length).toBeGreaterThan(0)
    for (const mod of required) expect(allowList.modules, mod).toContain(mod)
    // `electron.X` / destructured names used from the electron module.
    const used = new Set([...code.matchAll(/\belectron\.(\w+)\b/g)].map((m) => m[1]!))
    expect(used.size).toBeGreaterThan(0)
    for (const name of used) expect(allowList.electronModules, name).toContain(name)
  })
})

describe('desktop identity (package.json)', () => {
  it('appId, desktopName and the Linux WM class agree, so windows group and portals accept the app', () => {
    expect(pkg.build.appId).toBe(APP_ID)
    // Electron sets WM_CLASS / the Wayland app_id from desktopName (lib/browser/init.ts).
    expect(pkg.desktopName).toBe(`${APP_ID}.desktop`)
    // electron-builder then names the .desktop file after it and sets StartupWMClass to match.
    expect(pkg.build.linux.syncDesktopName).toBe(true)
    const wmClass = pkg.build.linux.desktop?.entry?.StartupWMClass
    if (wmClass !== undefined) expect(wmClass).toBe(APP_ID)
  })

  it('has an author e-mail and a Linux maintainer (the deb target needs one)', () => {
    expect(pkg.author?.email ?? pkg.author).toMatch(/@/)
    expect(pkg.build.linux.maintainer).toMatch(/<[^>]+@[^>]+>/)
  })
})
