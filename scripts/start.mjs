#!/usr/bin/env node
// `npm start`: build and launch the Electron app. Where the Electron runtime was never downloaded
// (as on machines without GitHub access) say so in one line and point at the browser host.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { spawn } from 'node:child_process'

/** Mirrors node_modules/electron/index.js without requiring it (requiring it starts a download). */
function electronBinary() {
  try {
    const pkgDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'))
    const pathFile = path.join(pkgDir, 'path.txt')
    const rel = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
    const bin = override
      ? path.join(override, rel || 'electron')
      : rel
        ? path.join(pkgDir, 'dist', rel)
        : null
    return bin && fs.existsSync(bin) ? bin : null
  } catch {
    return null
  }
}

if (!electronBinary()) {
  console.error(
    "Electron's runtime is not installed here (node_modules/electron has no binary); run `npm run web` for the browser host, or `npm run demo` to try it with no account.",
  )
  process.exit(1)
}

// electron-vite preview builds first, then runs Electron on out/.
const child = spawn('npx', ['electron-vite', 'preview', ...process.argv.slice(2)], { stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)))
