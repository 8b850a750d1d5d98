#!/usr/bin/env node
// Package the app unpacked (electron-builder --dir) for the current platform WITHOUT downloading
// Electron: `--electron-dist DIR` names a folder holding the runtime (a real unpacked Electron, or the
// packaging test's stand-in with a placeholder executable). Fuses are flipped in a real binary only,
// so `--no-fuses` skips them for a stand-in (the test checks the fuse configuration separately).
//   node scripts/pack-dir.mjs --electron-dist DIR --out DIR [--no-fuses]
import path from 'node:path'
import { parseArgs } from 'node:util'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: {
    'electron-dist': { type: 'string' },
    out: { type: 'string' },
    'no-fuses': { type: 'boolean', default: false },
  },
})
if (!values['electron-dist'] || !values.out) {
  console.error('usage: node scripts/pack-dir.mjs --electron-dist DIR --out DIR [--no-fuses]')
  process.exit(2)
}
const { build } = await import('electron-builder')
const config = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).build
config.electronDist = path.resolve(values['electron-dist'])
config.directories = { ...config.directories, output: path.resolve(values.out) }
if (values['no-fuses']) config.electronFuses = null
try {
  await build({ projectDir: ROOT, config, dir: true, publish: 'never' })
} catch (e) {
  console.error(`packaging failed: ${e.message}`)
  process.exit(1)
}
