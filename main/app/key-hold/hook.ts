// Main's side of the key-hook process: start it for one shortcut, wait until the native hook
// runs (or say why it cannot), relay held/released, and notice when it dies. The process is
// spawned through an injected function: Electron's utilityProcess in the app, a Node child in tests.
import type { Logger } from '../../core/log'
import type { HoldSpec } from './keymap'
import { FromHook, type ToHook } from './messages'

/** The part of a child process this needs (Electron UtilityProcess or a Node ChildProcess). */
export interface HookProcess {
  post(m: ToHook): void
  onMessage(cb: (m: unknown) => void): void
  onExit(cb: (code: number | null) => void): void
  kill(): void
}

export interface HoldHandlers {
  down(): void
  up(): void
  /** The hook process died after it was running (a held key counts as released first). */
  lost(reason: string): void
}

export type HookStart = { ok: true } | { ok: false; reason: string }

/** How long a native hook may take to start before we give up on it. */
const START_TIMEOUT_MS = 5000

export class KeyHoldHook {
  private proc: HookProcess | null = null
  private held = false
  /** Set once the hook failed: later starts report it instead of trying again. */
  private broken: string | null = null

  constructor(
    private readonly spawn: () => HookProcess,
    private readonly logger: Logger,
    private readonly startTimeoutMs = START_TIMEOUT_MS,
  ) {}

  start(spec: HoldSpec, on: HoldHandlers): Promise<HookStart> {
    this.stop()
    if (this.broken) return Promise.resolve({ ok: false, reason: this.broken })
    let proc: HookProcess
    try {
      proc = this.spawn()
    } catch (e) {
      return Promise.resolve(this.fail(`the key watcher could not start (${(e as Error).message})`))
    }
    this.proc = proc
    return new Promise((resolve) => {
      let ready = false
      const timer = setTimeout(() => {
        if (ready) return
        this.stop()
        resolve(this.fail('the key watcher did not start in time'))
      }, this.startTimeoutMs)
      proc.onMessage((raw) => {
        if (this.proc !== proc) return
        const m = FromHook.safeParse(raw)
        if (!m.success) return this.logger.log('warn', 'key hook sent an unknown message')
        if (m.data.type === 'ready' && !ready) {
          ready = true
          clearTimeout(timer)
          resolve({ ok: true })
        } else if (m.data.type === 'failed') {
          clearTimeout(timer)
          this.stop()
          resolve(this.fail(`the key watcher could not start (${m.data.message})`))
        } else if (m.data.type === 'down' && ready && !this.held) {
          this.held = true
          on.down()
        } else if (m.data.type === 'up' && this.held) {
          this.held = false
          on.up()
        }
      })
      proc.onExit((code) => {
        if (this.proc !== proc) return
        this.proc = null
        clearTimeout(timer)
        const reason = `the key watcher stopped (exit ${code ?? 'signal'})`
        if (!ready) return resolve(this.fail(reason))
        this.fail(reason)
        // Whatever was said so far is sent rather than left hanging on a key nobody holds.
        if (this.held) {
          this.held = false
          on.up()
        }
        on.lost(reason)
      })
      proc.post({ type: 'watch', keycode: spec.keycode, mods: spec.mods })
    })
  }

  /** Forget an earlier failure (the user picked a shortcut again): the next start tries anew. */
  reset(): void {
    this.broken = null
  }

  stop(): void {
    const proc = this.proc
    this.proc = null
    this.held = false
    proc?.kill()
  }

  private fail(reason: string): { ok: false; reason: string } {
    this.broken = reason
    this.logger.log('warn', 'push-to-talk hold unavailable', { reason })
    return { ok: false, reason }
  }
}
