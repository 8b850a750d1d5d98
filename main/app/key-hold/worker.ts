// The key-hook process (Linux, Windows): the hook runner in a process of its own, because
// libuiohook aborts its process when it cannot start (no X display, no XRecord): that must cost
// push-to-talk, never the app. Runs as an Electron utility process (process.parentPort) or a
// Node child (process.send, in tests).
import { createHookRunner } from './hook-runner'
import type { FromHook } from './messages'

interface ParentPort {
  on(ev: 'message', cb: (e: { data: unknown }) => void): void
  postMessage(m: unknown): void
}

const port = (process as { parentPort?: ParentPort }).parentPort
const send = (m: FromHook) => (port ? port.postMessage(m) : process.send?.(m))
const runner = createHookRunner((m) => {
  send(m)
  if (m.type === 'failed') process.exit(1)
})
if (port) port.on('message', (e) => runner.onMessage(e.data))
else process.on('message', (m) => runner.onMessage(m))

process.on('disconnect', () => {
  runner.stop()
  process.exit(0)
})
