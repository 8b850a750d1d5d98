// Main's side of the key hook: start it for one shortcut, wait until the native hook runs (or
// say why it cannot), relay held/released, and notice when it dies. Where it runs is injected:
// an Electron utility process, the main process itself (macOS), or a Node child in tests.
import type { Logger } from '../../core/log'
import type { HoldSpec } from './keymap'
import { FromHook, type ToHook } from './messages'

/** The part of a hook process this needs (Electron UtilityProcess, a Node ChildProcess, in-process). */
export interface HookProcess {
  post(m: ToHook): void
  onMessage(cb: (m: unknown) => void): void
  onExit(cb: (code: number | null) => void): void
  kill(): void
}

export interface HoldHandlers {
  down(): void
  up(): void
  /** The hook died after it was running (a held key counts as released first). */
  lost(reason: string): void
}

export type HookStart = { ok: true } | { ok: false; reason: string }

/** How long a native hook may take to start before we give up on it. */
const START_TIMEOUT_MS = 5000

interface Running {
  proc: HookProcess
  on: HoldHandlers
  held: boolean
  timer: NodeJS.Timeout | undefined
  /** Settles a start still waiting for `ready` (a stop answers it). */
  settle: ((r: HookStart) => void) | null
}

export class KeyHoldHook {
  private run: Running | null = null
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
    return new Promise((resolve) => {
      const run: Running = { proc, on, held: false, timer: undefined, settle: null }
      this.run = run
      const current = () => this.run === run
      run.settle = (r) => {
        clearTimeout(run.timer)
        run.settle = null
        resolve(r)
      }
      run.timer = setTimeout(() => {
        if (!current() || !run.settle) return
        run.settle(this.fail('the key watcher did not start in time'))
        this.stop()
      }, this.startTimeoutMs)
      proc.onMessage((raw) => {
        if (!current()) return
        const m = FromHook.safeParse(raw)
        if (!m.success) return this.logger.log('warn', 'key hook sent an unknown message')
        const ready = run.settle === null
        if (m.data.type === 'ready' && !ready) run.settle?.({ ok: true })
        else if (m.data.type === 'failed' && !ready) {
          run.settle?.(this.fail(`the key watcher could not start (${m.data.message})`))
          this.stop()
        } else if (m.data.type === 'down' && ready && !run.held) {
          run.held = true
          on.down()
        } else if (m.data.type === 'up' && run.held) {
          run.held = false
          on.up()
        }
      })
      proc.onExit((code) => {
        if (!current()) return
        this.run = null
        const reason = `the key watcher stopped (exit ${code ?? 'signal'})`
        if (run.settle) return run.settle(this.fail(reason))
        this.fail(reason)
        // Whatever was said so far is sent rather than left hanging on a key nobody holds.
        if (run.held) on.up()
        on.lost(reason)
      })
      proc.post({ type: 'watch', keycode: spec.keycode, mods: spec.mods })
    })
  }

  /** Forget an earlier failure (the user picked a shortcut again): the next start tries anew. */
  reset(): void {
    this.broken = null
  }

  /** Stop watching. A start still waiting is answered; a key still held is released (sent). */
  stop(): void {
    const run = this.run
    if (!run) return
    this.run = null
    run.settle?.({ ok: false, reason: 'the key watcher was stopped' })
    clearTimeout(run.timer)
    if (run.held) run.on.up()
    run.proc.kill()
  }

  private fail(reason: string): { ok: false; reason: string } {
    this.broken = reason
    this.logger.log('warn', 'push-to-talk hold unavailable', { reason })
    return { ok: false, reason }
  }
}
