// The key-hook process: loads the native keyboard hook (uiohook-napi) and reports only whether
// the push-to-talk shortcut is held. A separate process because libuiohook aborts its process
// when it cannot start (no X display, no XRecord): that must cost push-to-talk, never the app.
// Runs as an Electron utility process (process.parentPort) or a Node child (process.send).
import { createRequire } from 'node:module'
import { HoldTracker, type KeyEvent } from './hold-tracker'
import { FromHook, ToHook } from './messages'

interface ParentPort {
  on(ev: 'message', cb: (e: { data: unknown }) => void): void
  postMessage(m: unknown): void
}
interface Hook {
  on(ev: 'keydown' | 'keyup', cb: (e: KeyEvent) => void): void
  start(): void
  stop(): void
}

const port = (process as { parentPort?: ParentPort }).parentPort
const send = (m: FromHook) => (port ? port.postMessage(m) : process.send?.(m))
const onMessage = (cb: (m: unknown) => void) =>
  port ? port.on('message', (e) => cb(e.data)) : process.on('message', cb)

let hook: Hook | null = null
let tracker: HoldTracker | null = null

onMessage((raw) => {
  const parsed = ToHook.safeParse(raw)
  if (!parsed.success) return
  const { keycode, mods } = parsed.data
  tracker = new HoldTracker(
    { keycode, mods },
    { down: () => send({ type: 'down' }), up: () => send({ type: 'up' }) },
  )
  if (hook) return send({ type: 'ready' })
  try {
    // Loaded at run time: a native addon, external to the bundle.
    const { uIOhook } = createRequire(import.meta.url)('uiohook-napi') as { uIOhook: Hook }
    uIOhook.on('keydown', (e) => tracker?.keydown(e))
    uIOhook.on('keyup', (e) => tracker?.keyup(e))
    uIOhook.start()
    hook = uIOhook
    send({ type: 'ready' })
  } catch (e) {
    send({ type: 'failed', message: e instanceof Error ? e.message : String(e) })
    process.exit(1)
  }
})

process.on('disconnect', () => {
  hook?.stop()
  process.exit(0)
})
