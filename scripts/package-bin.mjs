// Run a package's command-line tool with this Node (process.execPath) and the JS file its
// package.json `bin` names, instead of `npx`: on Windows `npx` is `npx.cmd`, which `spawn` cannot
// start without a shell (`spawn npx ENOENT`).
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/**
 * The absolute path of a package's bin script.
 * @param {string} pkg the package name, e.g. 'electron-vite'
 * @param {string} [bin] the command, when the package has several (default: the package name)
 * @returns {string}
 */
export function binEntry(pkg, bin = pkg.split('/').pop()) {
  const manifest = require.resolve(`${pkg}/package.json`)
  const json = JSON.parse(readFileSync(manifest, 'utf8'))
  const rel = typeof json.bin === 'string' ? json.bin : json.bin?.[bin]
  if (!rel) throw new Error(`${pkg} has no "${bin}" command in its package.json`)
  return path.join(path.dirname(manifest), rel)
}

/**
 * [command, args] to spawn a package's tool: `spawn(...nodeTool('vitest', ['run']))`.
 * @param {string} pkg
 * @param {string[]} args
 * @param {string} [bin]
 * @returns {[string, string[]]}
 */
export function nodeTool(pkg, args, bin) {
  return [process.execPath, [binEntry(pkg, bin), ...args]]
}

/**
 * [command, args] for `npx -y <tool>` without the npx shim: npm's own npx-cli.js run by this Node
 * (next to npm_execpath under `npm run`, else where the Node installers put npm).
 * @param {string[]} args
 * @returns {[string, string[]]}
 */
export function npxTool(args) {
  const fromNpm = process.env.npm_execpath
    ? path.join(path.dirname(process.env.npm_execpath), 'npx-cli.js')
    : null
  const nodeDir = path.dirname(process.execPath)
  const candidates = [
    fromNpm,
    path.join(nodeDir, 'node_modules/npm/bin/npx-cli.js'), // Windows installs
    path.join(nodeDir, '../lib/node_modules/npm/bin/npx-cli.js'), // Unix installs
  ]
  const cli = candidates.find((c) => c && existsSync(c))
  if (!cli) throw new Error("npm's npx-cli.js was not found next to this Node; run the tool through npm")
  return [process.execPath, [cli, ...args]]
}
