// Quitting is ordered and bounded: turns stop before the tray goes, and a close that hangs still
// ends the process.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Shutdown, SHUTDOWN_BOUND_MS, type ShutdownSteps } from '../../main/app/shutdown'
import { silentLogger } from '../../main/core/log'

let calls: string[]
function steps(closeCore: () => Promise<void>): ShutdownSteps {
  return {
    unregisterHotkeys: () => void calls.push('hotkeys'),
    closeCore: () => {
      calls.push('core.close')
      return closeCore()
    },
    destroyTray: () => void calls.push('tray'),
    destroyAgents: () => void calls.push('agents'),
    quit: () => void calls.push('quit'),
    exit: (code) => void calls.push(`exit:${code}`),
  }
}

beforeEach(() => {
  calls = []
  vi.useFakeTimers()
})
afterEach(() => vi.useRealTimers())

describe('Shutdown', () => {
  it('hotkeys off, turns closed, then tray and agents, then quit; the second will-quit passes', async () => {
    let finish!: () => void
    const s = new Shutdown(
      steps(() => new Promise<void>((r) => (finish = r))),
      silentLogger,
    )
    expect(s.onWillQuit()).toBe(true)
    expect(s.onWillQuit()).toBe(true) // a repeated quit while closing waits too
    await vi.advanceTimersByTimeAsync(10)
    expect(calls).toEqual(['hotkeys', 'core.close'])
    finish()
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toEqual(['hotkeys', 'core.close', 'tray', 'agents', 'quit'])
    expect(s.onWillQuit()).toBe(false)
  })

  it('a close that never finishes: the tray still goes and the app quits after the bound', async () => {
    const s = new Shutdown(
      steps(() => new Promise<void>(() => undefined)),
      silentLogger,
    )
    s.onWillQuit()
    await vi.advanceTimersByTimeAsync(SHUTDOWN_BOUND_MS - 1)
    expect(calls).toEqual(['hotkeys', 'core.close'])
    await vi.advanceTimersByTimeAsync(1)
    expect(calls).toEqual(['hotkeys', 'core.close', 'tray', 'agents', 'quit'])
  })

  it('a quit that does not end the process (a window refusing to close) ends in exit', async () => {
    const s = new Shutdown(
      steps(() => Promise.resolve()),
      silentLogger,
    )
    s.onWillQuit()
    await vi.advanceTimersByTimeAsync(SHUTDOWN_BOUND_MS * 2)
    expect(calls.at(-1)).toBe('exit:0')
  })

  it('a failing step does not stop the others', async () => {
    const st = steps(() => Promise.reject(new Error('boom')))
    st.destroyTray = () => {
      throw new Error('tray gone')
    }
    new Shutdown(st, silentLogger).onWillQuit()
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toEqual(['hotkeys', 'core.close', 'agents', 'quit'])
  })
})
