// Runs the CLI from source (tsx), so the realtime CLI tests need no build: `node --import tsx <this> ARGS`.
import { main } from '../../main/cli'

process.exitCode = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  env: process.env,
})
