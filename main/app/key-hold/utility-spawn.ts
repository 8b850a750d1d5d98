// The key-hook process in the app: an Electron utility process (Node without the app's
// privileges; the runAsNode fuse is off, so a plain Node child is not available).
import { utilityProcess } from 'electron'
import type { HookProcess } from './hook'

export function spawnUtilityHook(script: string): HookProcess {
  const child = utilityProcess.fork(script, [], { serviceName: 'Assistant key hook', stdio: 'ignore' })
  // A fatal V8 error: 'exit' follows and KeyHoldHook handles it there; an unheard 'error' would throw in main.
  child.on('error', () => undefined)
  return {
    post: (m) => child.postMessage(m),
    onMessage: (cb) => void child.on('message', cb),
    onExit: (cb) => void child.on('exit', cb),
    kill: () => void child.kill(),
  }
}
