// Where the Electron executable is, or null when the package has no downloaded runtime. Mirrors
// node_modules/electron/index.js without requiring it: requiring it starts a download.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'

/** @returns {string | null} */
export function electronBinary() {
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
