#!/usr/bin/env node
// `npm start`: build and launch the Electron app. Where the Electron runtime was never downloaded
// (as on machines without GitHub access) say so in one line and point at the browser host.
import { spawn } from 'node:child_process'
import { electronBinary } from './electron-binary.mjs'

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
