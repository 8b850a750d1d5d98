#!/usr/bin/env node
// The `assistant` CLI. Run `npm run build` first; it loads the built engine from out/main.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const cli = new URL('../out/main/cli.js', import.meta.url)
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('assistant: not built yet; run `npm run build` first\n')
  process.exit(2)
}
const { main } = await import(cli.href)
const code = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  env: process.env,
})
process.exitCode = code
