// Packaging without a download: electron-builder --dir for Linux against a stand-in Electron
// distribution (a folder with a placeholder executable), then the unpacked app is checked: the
// asar holds the built app and the production dependencies only, every native .node file is
// unpacked, package.json `main` resolves inside the asar. Fuses need a real Electron binary (their
// sentinel is in it), so the fuse configuration is checked on its own against electron-builder's
// schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { runProcess } from './run-process'
import { Asar } from './asar'
import { nodeTool } from '../../scripts/package-bin.mjs'

const ROOT = path.resolve(import.meta.dirname, '../..')
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
let work: string
let appDir: string
let asar: Asar
let pack: { code: number; out: string; err: string }

function du(p: string): number {
  const st = fs.statSync(p)
  if (!st.isDirectory()) return st.size
  return fs.readdirSync(p).reduce((n, f) => n + du(path.join(p, f)), 0)
}

function walk(dir: string, found: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) walk(p, found)
    else found.push(p)
  }
  return found
}

beforeAll(async () => {
  const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']
  if (!built.every((f) => fs.existsSync(path.join(ROOT, f)))) {
    const r = spawnSync(...nodeTool('electron-vite', ['build']), { cwd: ROOT, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`)
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'packaging-'))
  const standIn = path.join(work, 'electron-dist')
  fs.mkdirSync(standIn)
  fs.writeFileSync(path.join(standIn, 'electron'), '#!/bin/sh\necho "stand-in for Electron"\n', {
    mode: 0o755,
  })
  pack = await runProcess(
    [
      path.join(ROOT, 'scripts/pack-dir.mjs'),
      '--electron-dist',
      standIn,
      '--out',
      path.join(work, 'dist'),
      '--no-fuses',
    ],
    { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
    ROOT,
  )
  appDir = path.join(work, 'dist/linux-unpacked')
  if (pack.code === 0) asar = new Asar(path.join(appDir, 'resources/app.asar'))
}, 240_000)

afterAll(() => {
  asar?.close()
  if (work) fs.rmSync(work, { recursive: true, force: true })
})

describe.skipIf(process.platform === 'win32')('electron-builder --dir (Linux, stand-in Electron)', () => {
  it('packages without downloading anything', () => {
    expect(pack.code, pack.out + pack.err).toBe(0)
    expect(pack.out + pack.err).not.toMatch(/downloading/i)
    // The runtime is renamed to the executable name the .desktop file and launchers use.
    expect(fs.existsSync(path.join(appDir, pkg.build.linux.executableName))).toBe(true)
  })

  it('the asar holds out/main, out/preload and out/renderer', () => {
    const files = [...asar.files.keys()]
    for (const dir of ['out/main/', 'out/preload/', 'out/renderer/'])
      expect(
        files.some((f) => f.startsWith(dir)),
        dir,
      ).toBe(true)
    for (const f of [
      'out/main/index.js',
      'out/main/key-hook.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ])
      expect(asar.files.has(f), f).toBe(true)
  })

  it('the renderer holds one KaTeX (Mermaid bundled a copy of its own before the dedupe)', () => {
    const dir = path.join(ROOT, 'out/renderer/assets')
    const withKatex = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .filter((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes("KaTeX doesn't work in quirks mode"))
    expect(withKatex).toHaveLength(1)
  })

  it('package.json `main` resolves inside the asar', () => {
    const shipped = JSON.parse(asar.read('package.json').toString('utf8'))
    expect(shipped.main).toBe(pkg.main)
    expect(asar.files.get(path.posix.normalize(shipped.main))?.unpacked).toBe(false)
    // Electron reads desktopName from the shipped package.json (Linux WM_CLASS / app_id).
    expect(shipped.desktopName).toBe(pkg.desktopName)
  })

  it('ships every production dependency and no devDependency', () => {
    for (const dep of Object.keys(pkg.dependencies))
      expect(asar.files.has(`node_modules/${dep}/package.json`), dep).toBe(true)
    const shippedPackages = new Set(
      [...asar.files.keys()]
        .filter((f) => f.startsWith('node_modules/'))
        .map((f) =>
          f
            .split('/')
            .slice(1, f.split('/')[1]!.startsWith('@') ? 3 : 2)
            .join('/'),
        ),
    )
    for (const dev of Object.keys(pkg.devDependencies)) expect(shippedPackages.has(dev), dev).toBe(false)
    // Nor sources, tests or build configuration.
    for (const f of asar.files.keys())
      expect(f, f).not.toMatch(/^(main|renderer|shared|test|scripts|preload)\//)
  })

  it('every native .node file is unpacked, and nothing native stays in the asar', () => {
    const natives = [...asar.files.values()].filter((f) => f.path.endsWith('.node'))
    expect(natives.map((f) => f.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^node_modules\/@mongodb-js\/zstd-[^/]+\/.+\.node$/)]),
    )
    expect(natives.some((f) => f.path.startsWith('node_modules/uiohook-napi/'))).toBe(true)
    for (const f of natives) {
      expect(f.unpacked, f.path).toBe(true)
      expect(fs.existsSync(path.join(appDir, 'resources/app.asar.unpacked', f.path)), f.path).toBe(true)
    }
    // Named in asarUnpack, not only caught by electron-builder's automatic unpacking.
    const globs = (pkg.build.asarUnpack as string[]).map(
      (g) =>
        // eslint-disable-next-line security/detect-non-literal-regexp -- our own package.json globs, escaped
        new RegExp(
          `^${g
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*\*/g, '\0')
            .replace(/\*/g, '[^/]*')
            .replace(/\0/g, '.*')}$`,
        ),
    )
    for (const f of natives)
      expect(
        globs.some((g) => g.test(f.path)),
        f.path,
      ).toBe(true)
    const unpackedNatives = walk(path.join(appDir, 'resources/app.asar.unpacked')).filter((f) =>
      f.endsWith('.node'),
    )
    expect(unpackedNatives.length).toBe(natives.length)
  })

  it('prints the size of the app', () => {
    const asarBytes = fs.statSync(path.join(appDir, 'resources/app.asar')).size
    const unpackedBytes = du(path.join(appDir, 'resources/app.asar.unpacked'))
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`
    console.log(
      `packaged app (without the Electron runtime): ${mb(asarBytes + unpackedBytes)} = app.asar ${mb(asarBytes)} + unpacked ${mb(unpackedBytes)}`,
    )
    expect(asarBytes).toBeGreaterThan(0)
  })
})

describe('Electron fuses (configuration only: flipping them needs a real Electron binary)', () => {
  const scheme = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
  )
  const known = Object.keys(scheme.definitions.FuseOptionsV1.properties)

  it('names only fuses electron-builder knows, and sets the hardening ones', () => {
    const fuses = pkg.build.electronFuses
    for (const name of Object.keys(fuses)) expect(known, name).toContain(name)
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    })
    // onlyLoadAppFromAsar needs an asar to load from.
    expect(pkg.build.asar).toBe(true)
  })
})
