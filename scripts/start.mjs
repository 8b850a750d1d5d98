#!/usr/bin/env node
// `npm start`: make sure Electron's runtime is here, build, launch the app.
// Since Electron 42 `npm install` no longer downloads the runtime; the first `npm start` runs
// Electron's own installer (it honours ELECTRON_MIRROR and the download cache). Where that fails
// (no network) one line points at the browser host and we exit 1 within seconds.
//
// Test hooks: ELECTRON_OVERRIDE_DIST_PATH (Electron's own) points at another runtime folder;
// ASSISTANT_ELECTRON_INSTALLER replaces node_modules/electron/install.js; ASSISTANT_START_SKIP_BUILD=1
// skips the build (the tests that only check install-then-launch).
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronBinary } from './electron-binary.mjs'
import { binEntry, nodeTool } from './package-bin.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const POINTER = 'run `npm run web` for the browser host, or `npm run demo` to try it with no account.'

/** Spawn and resolve with the exit code; a child that cannot start resolves with its error. */
function run(cmd, args, opts) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, opts)
    let err = ''
    child.stderr?.on('data', (c) => (err += c))
    child.on('error', (e) => resolve({ code: 1, err: e.message }))
    child.on('close', (code, signal) => resolve({ code: signal ? 1 : (code ?? 1), err }))
  })
}

/** The first line that says what went wrong, without the stack. */
function reason(stderr) {
  const lines = stderr.split('\n').map((l) => l.trim())
  return lines.find((l) => l && !l.startsWith('at ')) ?? 'the installer exited with an error'
}

async function ensureRuntime() {
  const existing = electronBinary()
  if (existing) return existing
  const installer = process.env.ASSISTANT_ELECTRON_INSTALLER || binEntry('electron', 'install-electron')
  console.error("Installing Electron's runtime (one-time download)…")
  // stderr is kept: @electron/get prints a full stack on failure; we print one line instead.
  const r = await run(process.execPath, [installer], { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'] })
  const bin = r.code === 0 ? electronBinary() : null
  if (bin) return bin
  console.error(`Electron's runtime could not be installed (${reason(r.err)}); ${POINTER}`)
  return null
}

const bin = await ensureRuntime()
if (!bin) process.exit(1)

if (process.env.ASSISTANT_START_SKIP_BUILD !== '1') {
  const build = await run(...nodeTool('electron-vite', ['build']), { cwd: ROOT, stdio: 'inherit' })
  if (build.code !== 0) {
    console.error(`The build failed${build.err ? ` (${build.err})` : ''}; see the output above.`)
    process.exit(1)
  }
}

// Electron reads package.json `main` (out/main/index.js) from the app folder.
const app = spawn(bin, [ROOT, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => app.kill(sig))
app.on('error', (e) => {
  console.error(`Could not start Electron (${e.message}); ${POINTER}`)
  process.exit(1)
})
app.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)))
