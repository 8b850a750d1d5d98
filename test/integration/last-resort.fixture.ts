// Child process for host-survives.test.ts: with the last-resort guard installed, an uncaught
// exception and an unhandled rejection are logged and the process keeps running.
import { installLastResortGuard } from '../../main/host/last-resort'
import { streamLogger } from '../../main/core/log'

if (process.env.NO_GUARD !== '1')
  installLastResortGuard(
    process,
    streamLogger((l) => process.stderr.write(l + '\n'), 'info'),
  )
setTimeout(() => {
  throw new RangeError('Maximum call stack size exceeded (thrown in a socket callback)')
}, 10)
setTimeout(() => void Promise.reject(new Error('a promise nobody awaited')), 20)
setTimeout(() => {
  process.stdout.write('still serving\n')
  process.exit(0)
}, 150)
