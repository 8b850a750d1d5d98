// The CLI from source (the same `main` the built bin runs), so a child process tests the code in
// this tree without a build step: node --import tsx test/integration/cli-source.fixture.ts exec …
import { main } from '../../main/cli'

const code = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  env: process.env,
})
process.exitCode = code
