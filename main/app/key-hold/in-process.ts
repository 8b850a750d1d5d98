// The key hook inside the main process (macOS). libuiohook's macOS backend needs the Cocoa run
// loop that Electron's main process runs; in a plain Node-style process it delivers one key and
// then stalls (uiohook-napi#23). Its failures there (no Accessibility) are thrown errors, not
// aborts, so isolation is not needed. Messages are delivered asynchronously, as from a process.
import type { HookProcess } from './hook'
import { createHookRunner, loadNativeHook } from './hook-runner'

export function inProcessHook(load = loadNativeHook): HookProcess {
  let onMessage: (m: unknown) => void = () => undefined
  let onExit: (code: number | null) => void = () => undefined
  const runner = createHookRunner((m) => {
    queueMicrotask(() => onMessage(m))
    if (m.type === 'failed') queueMicrotask(() => onExit(1))
  }, load)
  return {
    post: (m) => runner.onMessage(m),
    onMessage: (cb) => void (onMessage = cb),
    onExit: (cb) => void (onExit = cb),
    kill: () => runner.stop(),
  }
}
