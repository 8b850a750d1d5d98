// The host's last line of defence (issue 11, finding 1): an exception nothing caught, or a
// rejected promise nothing awaited, is logged and the host keeps serving every other
// conversation. Node's default is to exit (and Electron's main process to show a dialog), which
// took every conversation of a browser host down with one bad stream. Real fixes belong where the
// error happens; this only stops one bug from ending the process.
import type { Logger } from '../core/log'

/** Log lines per minute before the guard only counts (a throw in a hot loop must not flood the log). */
const MAX_LOGGED_PER_MINUTE = 20

export function installLastResortGuard(proc: NodeJS.EventEmitter, logger: Logger): () => void {
  let windowStart = Date.now()
  let inWindow = 0
  let dropped = 0
  const report = (kind: string, e: unknown) => {
    const now = Date.now()
    if (now - windowStart > 60_000) {
      if (dropped > 0) logger.log('error', `${dropped} more uncaught errors were not logged`)
      windowStart = now
      inWindow = 0
      dropped = 0
    }
    if (++inWindow > MAX_LOGGED_PER_MINUTE) {
      dropped++
      return
    }
    const err = e instanceof Error ? e : new Error(String(e))
    logger.log('error', `${kind}; the host keeps serving`, {
      error: err.message,
      stack: (err.stack ?? '').split('\n').slice(0, 8).join(' | ').slice(0, 2000),
    })
  }
  const onException = (e: unknown) => report('uncaught exception', e)
  const onRejection = (reason: unknown) => report('unhandled promise rejection', reason)
  proc.on('uncaughtException', onException)
  proc.on('unhandledRejection', onRejection)
  return () => {
    proc.off('uncaughtException', onException)
    proc.off('unhandledRejection', onRejection)
  }
}
