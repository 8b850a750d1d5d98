// The key hook itself, wherever it runs: loads the native hook (uiohook-napi) on the first
// `watch`, runs the hold tracker and reports only `ready`, `down`, `up` or `failed`.
import { createRequire } from 'node:module'
import { HoldTracker, type KeyEvent } from './hold-tracker'
import { ToHook, type FromHook } from './messages'

export interface NativeHook {
  on(ev: 'keydown' | 'keyup', cb: (e: KeyEvent) => void): void
  removeAllListeners(ev: 'keydown' | 'keyup'): void
  start(): void
  stop(): void
}

/** Loaded at run time: a native addon, external to the bundle. */
export const loadNativeHook = (): NativeHook =>
  (createRequire(import.meta.url)('uiohook-napi') as { uIOhook: NativeHook }).uIOhook

export interface HookRunner {
  onMessage(raw: unknown): void
  stop(): void
}

export function createHookRunner(send: (m: FromHook) => void, load = loadNativeHook): HookRunner {
  let hook: NativeHook | null = null
  let tracker: HoldTracker | null = null
  return {
    onMessage(raw) {
      const parsed = ToHook.safeParse(raw)
      if (!parsed.success) return
      const { keycode, mods } = parsed.data
      tracker = new HoldTracker(
        { keycode, mods },
        { down: () => send({ type: 'down' }), up: () => send({ type: 'up' }) },
      )
      if (hook) return send({ type: 'ready' })
      try {
        const h = load()
        h.on('keydown', (e) => tracker?.keydown(e))
        h.on('keyup', (e) => tracker?.keyup(e))
        h.start()
        hook = h
        send({ type: 'ready' })
      } catch (e) {
        send({ type: 'failed', message: e instanceof Error ? e.message : String(e) })
      }
    },
    stop() {
      tracker = null
      if (!hook) return
      hook.removeAllListeners('keydown')
      hook.removeAllListeners('keyup')
      hook.stop()
      hook = null
    },
  }
}
