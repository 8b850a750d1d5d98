// Plays scripted steps into a transport-specific sink (SSE response, Responses WebSocket, and
// later the realtime WebSocket).
import type { EmulatorState } from './state'
import type { Scenario, Step } from './types'

export interface StepSink {
  /** One event (already an object); resolves once written. */
  event(e: Record<string, unknown>): Promise<void>
  raw(text: string): Promise<void>
  binary(): Promise<void>
  /** Called before the first non-`drop` step (SSE sends headers here). */
  begin?(): void
  drop(): void
  closeWs(code: number | undefined, reason: string | undefined): void
  isOpen(): boolean
}

/** How playback ended: all steps sent, stalled on purpose, dropped, closed by a step, or peer gone. */
export type PlaybackEnd = 'done' | 'stall' | 'drop' | 'closed' | 'gone'

function describe(step: unknown): string {
  try {
    return JSON.stringify(step)
  } catch {
    return String(step)
  }
}

export async function playSteps(
  state: EmulatorState,
  steps: readonly Step[],
  sink: StepSink,
): Promise<PlaybackEnd> {
  let begun = false
  for (const step of steps) {
    if (state.closed || !sink.isOpen()) return 'gone'
    if ('drop' in step) {
      sink.drop()
      return 'drop'
    }
    if (!begun) {
      begun = true
      sink.begin?.()
    }
    if ('event' in step) await sink.event(step.event)
    else if ('raw' in step) await sink.raw(step.raw)
    else if ('binary' in step) await sink.binary()
    else if ('delayMs' in step) await state.sleep(step.delayMs)
    else if ('stall' in step) return 'stall'
    else if ('closeWs' in step) {
      sink.closeWs(step.closeWs.code, step.closeWs.reason)
      return 'closed'
    } else throw new Error(`emulator: unknown step ${describe(step)}`)
  }
  if (!begun) sink.begin?.()
  return state.closed || !sink.isOpen() ? 'gone' : 'done'
}

export type ResolvedScenario =
  | { kind: 'error'; status: number; headers: Record<string, string>; body: unknown }
  | { kind: 'stream'; headers: Record<string, string>; steps: Step[] }

/** A scenario with a non-200 status is an error reply; otherwise a stream (default steps when none). */
export function resolveScenario(s: Scenario | undefined, defaultSteps: () => Step[]): ResolvedScenario {
  const headers = { ...(s?.headers ?? {}) }
  if (s?.status !== undefined && s.status !== 200) {
    return { kind: 'error', status: s.status, headers, body: s.body }
  }
  return { kind: 'stream', headers, steps: s?.steps ?? defaultSteps() }
}
