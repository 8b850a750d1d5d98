#!/usr/bin/env node
// `npm run security`: electronegativity over main/ and preload/, failing on any high or medium
// finding. The tool always exits 0 and takes one input path, so both folders are staged into one
// directory (its global checks, e.g. "is navigation limited anywhere", must see all the code at
// once), the SARIF it writes is parsed, and this script decides the exit code.
//
// SARIF from electronegativity carries no severity (only note/warning for "needs manual review"),
// so severities come from the check table of the pinned version below, read from its sources.
// Unknown rules count as high: a new check fails the gate until someone looks at it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { npxTool } from './package-bin.mjs'

const TOOL = '@doyensec/electronegativity@1.10.3'
const ELECTRON = '45.4.1'
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const INPUTS = ['main', 'preload']

const SEVERITY = {
  HIGH: [
    'CONTEXT_ISOLATION_JS_CHECK',
    'LIMIT_NAVIGATION_GLOBAL_CHECK',
    'LIMIT_NAVIGATION_JS_CHECK',
    'NODE_INTEGRATION_ATTACH_EVENT_JS_CHECK',
    'NODE_INTEGRATION_HTML_CHECK',
    'NODE_INTEGRATION_JS_CHECK',
    'AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK',
  ],
  MEDIUM: [
    'AFFINITY_GLOBAL_CHECK',
    'AFFINITY_HTML_CHECK',
    'AFFINITY_JS_CHECK',
    'AUXCLICK_HTML_CHECK',
    'AUXCLICK_JS_CHECK',
    'CERTIFICATE_ERROR_EVENT_JS_CHECK',
    'CERTIFICATE_VERIFY_PROC_JS_CHECK',
    'CUSTOM_ARGUMENTS_JS_CHECK',
    'CUSTOM_ARGUMENTS_JSON_CHECK',
    'DANGEROUS_FUNCTIONS_JS_CHECK',
    'HTTP_RESOURCES_HTML_CHECK',
    'HTTP_RESOURCES_JS_CHECK',
    'HTTP_RESOURCES_WITH_NODE_INTEGRATION_GLOBAL_CHECK',
    'INSECURE_CONTENT_HTML_CHECK',
    'INSECURE_CONTENT_JS_CHECK',
    'OPEN_EXTERNAL_JS_CHECK',
    'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
    'PERMISSION_REQUEST_HANDLER_JS_CHECK',
    'PRELOAD_JS_CHECK',
    'PROTOCOL_HANDLER_JS_CHECK',
    'REMOTE_MODULE_JS_CHECK',
    'SANDBOX_JS_CHECK',
    'WEB_SECURITY_HTML_CHECK',
    'WEB_SECURITY_JS_CHECK',
  ],
  LOW: [
    'ALLOWPOPUPS_HTML_CHECK',
    'BLINK_FEATURES_HTML_CHECK',
    'BLINK_FEATURES_JS_CHECK',
    'EXPERIMENTAL_FEATURES_HTML_CHECK',
    'EXPERIMENTAL_FEATURES_JS_CHECK',
  ],
  INFORMATIONAL: [
    'CSP_HTML_CHECK',
    'CSP_JS_CHECK',
    'ELECTRON_VERSION_JSON_CHECK',
    'SECURITY_WARNINGS_DISABLED_JS_CHECK',
    'SECURITY_WARNINGS_DISABLED_JSON_CHECK',
  ],
}
const severityOf = new Map(Object.entries(SEVERITY).flatMap(([sev, ids]) => ids.map((id) => [id, sev])))

/** CSP_GLOBAL_CHECK is MEDIUM when no CSP exists at all (no file), LOW for a weak one. */
function classify(result) {
  const uri = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? ''
  if (result.ruleId === 'CSP_GLOBAL_CHECK') return uri === 'file:///' ? 'MEDIUM' : 'LOW'
  return severityOf.get(result.ruleId) ?? 'HIGH'
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (out += c))
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    })
    child.on('error', (e) => resolve({ code: -1, out: String(e) }))
  })
}

/** Reviewed suppressions (`eng-disable` comments) in the scanned code, listed so they stay visible. */
function suppressions(dir) {
  const found = []
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name)
      if (entry.isDirectory()) walk(p)
      else if (/\.(ts|tsx|js|mjs|cjs|html)$/.test(entry.name))
        fs.readFileSync(p, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            const m = /eng-disable\s+([A-Z_ ,]+)(.*)$/.exec(line)
            if (m)
              found.push(
                `${path.relative(dir, p)}:${i + 1} ${m[1].trim()}${m[2].trim() ? ` (${m[2].replace(/^[:\s—-]+/, '').trim()})` : ''}`,
              )
          })
    }
  }
  walk(dir)
  return found
}

async function main() {
  const outArg = process.argv.indexOf('--out')
  const sarif = path.resolve(
    outArg > 0 ? process.argv[outArg + 1] : path.join(ROOT, 'test-results', 'electronegativity.sarif'),
  )
  fs.mkdirSync(path.dirname(sarif), { recursive: true })
  fs.rmSync(sarif, { force: true })
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'))
  for (const dir of INPUTS) fs.cpSync(path.join(ROOT, dir), path.join(stage, dir), { recursive: true })

  const { code, out } = await run(...npxTool(['-y', TOOL, '-i', stage, '-e', ELECTRON, '-o', sarif, '-r']))
  if (!fs.existsSync(sarif)) {
    console.error(`security: electronegativity wrote no report (exit ${code}):\n${out.trim()}`)
    return 2
  }
  const results = JSON.parse(fs.readFileSync(sarif, 'utf8')).runs?.[0]?.results ?? []
  const counts = { HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 }
  const blocking = []
  for (const r of results) {
    const sev = classify(r)
    counts[sev]++
    if (sev === 'HIGH' || sev === 'MEDIUM') {
      const loc = r.locations?.[0]?.physicalLocation
      const where =
        loc?.artifactLocation?.uri === 'file:///'
          ? '(whole app)'
          : `${loc?.artifactLocation?.uri}:${loc?.region?.startLine}`
      blocking.push(`  ${sev} ${r.ruleId} ${where}: ${String(r.message?.text ?? '').split('\n')[0]}`)
    }
  }
  const reviewed = suppressions(stage)
  fs.rmSync(stage, { recursive: true, force: true })

  console.log(
    `electronegativity ${TOOL.split('@').pop()} on ${INPUTS.join('/, ')}/ (Electron ${ELECTRON}): ${results.length} finding(s): ` +
      `${counts.HIGH} high, ${counts.MEDIUM} medium, ${counts.LOW} low, ${counts.INFORMATIONAL} informational. Report: ${path.relative(ROOT, sarif)}`,
  )
  if (reviewed.length > 0)
    console.log(
      `reviewed suppressions (eng-disable), ${reviewed.length}:\n${reviewed.map((s) => `  ${s}`).join('\n')}`,
    )
  if (blocking.length > 0) {
    console.error(`security: ${blocking.length} high/medium finding(s):\n${blocking.join('\n')}`)
    return 1
  }
  return 0
}

main().then((code) => process.exit(code))
