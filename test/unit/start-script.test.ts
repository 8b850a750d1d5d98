// `npm start` (scripts/start.mjs) as a process, against a fake Electron runtime folder
// (ELECTRON_OVERRIDE_DIST_PATH) and fake installers (ASSISTANT_ELECTRON_INSTALLER): it launches
// an installed runtime, installs a missing one then launches it, and when the install fails prints
// one pointer line and exits 1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runProcess } from '../integration/run-process'
import { binEntry } from '../../scripts/package-bin.mjs'

const ROOT = path.resolve(import.meta.dirname, '../..')
const START = path.join(ROOT, 'scripts/start.mjs')
let dir: string
let dist: string
let launchLog: string

// The stand-in Electron: records its arguments and exits 0.
const FAKE_ELECTRON = '#!/bin/sh\necho "$@" > "$FAKE_LAUNCH_LOG"\n'

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-'))
  dist = path.join(dir, 'dist')
  fs.mkdirSync(dist)
  launchLog = path.join(dir, 'launched.txt')
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

function writeInstaller(body: string): string {
  const file = path.join(dir, 'install.cjs')
  fs.writeFileSync(file, body)
  return file
}

function start(installer?: string) {
  return runProcess([START, '--flag-for-app'], {
    PATH: process.env.PATH,
    ELECTRON_OVERRIDE_DIST_PATH: dist,
    ASSISTANT_START_SKIP_BUILD: '1',
    FAKE_LAUNCH_LOG: launchLog,
    ...(installer ? { ASSISTANT_ELECTRON_INSTALLER: installer } : {}),
  })
}

describe.skipIf(process.platform === 'win32')('npm start (scripts/start.mjs)', () => {
  it('launches an installed runtime on the app folder, passing arguments through', async () => {
    fs.writeFileSync(path.join(dist, 'electron'), FAKE_ELECTRON, { mode: 0o755 })
    const installer = writeInstaller('require("fs").writeFileSync(process.argv[1] + ".ran", "")')
    const r = await start(installer)
    expect(r.err).not.toMatch(/Installing/)
    expect(r.code).toBe(0)
    expect(fs.readFileSync(launchLog, 'utf8').trim()).toBe(`${ROOT} --flag-for-app`)
    expect(fs.existsSync(installer + '.ran')).toBe(false)
  })

  it('installs a missing runtime with one progress line, then launches it', async () => {
    const installer = writeInstaller(
      `const fs = require('fs'), path = require('path')
       const bin = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron')
       fs.writeFileSync(bin, ${JSON.stringify(FAKE_ELECTRON)}, { mode: 0o755 })`,
    )
    const r = await start(installer)
    expect(r.err.trim().split('\n')).toEqual(["Installing Electron's runtime (one-time download)…"])
    expect(r.code).toBe(0)
    expect(fs.readFileSync(launchLog, 'utf8').trim()).toBe(`${ROOT} --flag-for-app`)
  })

  it('when the install fails: one pointer line with the reason, no stack trace, exit 1', async () => {
    const installer = writeInstaller(
      `const e = new TypeError('fetch failed'); console.error(e.stack); process.exit(1)`,
    )
    const r = await start(installer)
    expect(r.code).toBe(1)
    const lines = r.err.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toBe(
      "Electron's runtime could not be installed (TypeError: fetch failed); run `npm run web` for the " +
        'browser host, or `npm run demo` to try it with no account.',
    )
    expect(r.err).not.toMatch(/^\s+at /m)
    expect(fs.existsSync(launchLog)).toBe(false)
  })

  it('an installer that exits 0 without a runtime counts as a failure too', async () => {
    const r = await start(writeInstaller(''))
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/could not be installed \(the installer exited with an error\); run `npm run web`/)
  })

  it("uses Electron's own installer by default (its bin in node_modules/electron)", () => {
    expect(binEntry('electron', 'install-electron')).toBe(path.join(ROOT, 'node_modules/electron/install.js'))
  })
})
