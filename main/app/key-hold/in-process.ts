// The key hook inside the main process (macOS). libuiohook's macOS backend needs the Cocoa run
// loop that Electron's main process runs; in a plain Node-style process it delivers one key and
// then stalls (uiohook-napi#23). Its failures there (no Accessibility) are thrown errors, not
// aborts, so isolation is not needed. Messages are delivered asynchronously, as from a process.
import type { HookProcess } from './hook'
import { createHookRunner, loadNativeHook } from './hook-runner'

export function inProcessHook(load = loadNativeHook): HookProcess {
  let onMessage: (m: unknown) => void = () => undefined
  const runner = createHookRunner((m) => queueMicrotask(() => onMessage(m)), load)
  return {
    post: (m) => runner.onMessage(m),
    onMessage: (cb) => void (onMessage = cb),
    // Nothing to exit: a failure is the `failed` message, and main never loses itself.
    onExit: () => undefined,
    kill: () => runner.stop(),
  }
}
