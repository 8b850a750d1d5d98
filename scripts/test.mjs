#!/usr/bin/env node
// `npm test`: every check the project has, in one run, ending with a plain
// "N passed, N failed" line (vitest's own summary is not read by CI).
// Static checks (build, typecheck, lint, format, security) count as one test each.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { nodeTool } from './package-bin.mjs'

const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }
const results = []

function step(name, cmd, args) {
  const t0 = Date.now()
  process.stdout.write(`\n▶ ${name}: ${cmd} ${args.join(' ')}\n`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env })
  if (r.error) process.stdout.write(`could not start ${cmd}: ${r.error.message}\n`)
  const ok = r.status === 0
  results.push({ name, ok, seconds: (Date.now() - t0) / 1000 })
  process.stdout.write(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`)
  return ok
}

// Tools run as `node <the package's bin script>`: no npx, which Windows cannot spawn without a shell.
step('build', ...nodeTool('electron-vite', ['build']))
step('typecheck', ...nodeTool('typescript', ['--noEmit', '-p', 'tsconfig.json'], 'tsc'))
step('lint', ...nodeTool('eslint', ['.', '--max-warnings=0']))
step('format', ...nodeTool('prettier', ['--check', '.']))
if (existsSync('scripts/security.mjs'))
  step('security (electronegativity)', process.execPath, ['scripts/security.mjs'])

const report = '.vitest-report.json'
rmSync(report, { force: true })
step(
  'vitest',
  ...nodeTool('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]),
)

let passed = results.filter((r) => r.ok && r.name !== 'vitest').length
let failed = results.filter((r) => !r.ok && r.name !== 'vitest').length
let skipped = 0
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'))
  passed += r.numPassedTests
  failed += r.numFailedTests
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
  if (r.numTotalTests === 0 || (!r.success && r.numFailedTests === 0)) failed += 1
} else failed += 1

console.log('\nchecks: ' + results.map((r) => `${r.name} ${r.ok ? 'ok' : 'FAILED'}`).join(', '))
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
