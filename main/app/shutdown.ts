// Quitting: hotkeys off, running turns interrupted (their partial answers reach history), then the
// tray and the network agents go, then the process exits. Every step is bounded: a close that
// hangs must not leave a windowless process behind.
import type { Logger } from '../core/log'

export const SHUTDOWN_BOUND_MS = 5000

export interface ShutdownSteps {
  unregisterHotkeys(): void
  /** Interrupt running turns and close the engine. */
  closeCore(): Promise<void>
  destroyTray(): void
  destroyAgents(): void
  /** Let the quit continue (app.quit). */
  quit(): void
  /** The last resort when the quit does not finish (app.exit). */
  exit(code: number): void
}

export class Shutdown {
  private started = false
  done = false

  constructor(
    private readonly steps: ShutdownSteps,
    private readonly logger: Logger,
    private readonly boundMs = SHUTDOWN_BOUND_MS,
  ) {}

  /** For app 'will-quit': returns true when the quit must wait (call event.preventDefault()). */
  onWillQuit(): boolean {
    if (this.done) return false
    if (this.started) return true
    this.started = true
    // Whatever happens below, the process ends within twice the bound.
    setTimeout(() => {
      this.logger.log('warn', 'quit did not finish; exiting')
      this.steps.exit(0)
    }, this.boundMs * 2).unref()
    void this.run()
    return true
  }

  private async run(): Promise<void> {
    const step = (name: string, fn: () => void) => {
      try {
        fn()
      } catch (e) {
        this.logger.log('warn', `quit: ${name} failed`, { error: (e as Error).message })
      }
    }
    step('hotkeys', () => this.steps.unregisterHotkeys())
    let timer: NodeJS.Timeout | undefined
    const bounded = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), this.boundMs)))
    const closed = this.steps.closeCore().then(
      () => 'closed' as const,
      (e: Error) => {
        this.logger.log('warn', 'quit: closing the engine failed', { error: e.message })
        return 'closed' as const
      },
    )
    if ((await Promise.race([closed, bounded])) === 'timeout')
      this.logger.log('warn', 'quit: running turns did not stop in time')
    clearTimeout(timer)
    step('tray', () => this.steps.destroyTray())
    step('agents', () => this.steps.destroyAgents())
    this.done = true
    this.steps.quit()
  }
}
