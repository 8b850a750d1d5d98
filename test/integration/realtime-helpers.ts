// Helpers of the realtime engine tests: a Session against the emulator's realtime endpoint, waits on
// engine events, and voice/silence frames.
import { harness, type Harness } from './harness'
import type { EngineEvent, EngineEventOf } from '@shared/events'
import type { RealtimeEventPayload } from '@shared/realtime'
import type { RealtimeSettings } from '../../main/core/realtime/manager'
import { frames, tone } from '../../main/core/audio/pcm'

export type Payload<K extends RealtimeEventPayload['kind']> = Extract<RealtimeEventPayload, { kind: K }>

export interface RtHarness extends Harness {
  /** check()'s first truthy value, re-checked on every engine event and emulator change. */
  until<T>(check: () => T | undefined | null | false, timeoutMs?: number): Promise<T>
  /** The first event (already seen or future) matching `pred`. */
  event<T extends EngineEvent>(pred: (e: EngineEvent) => e is T): Promise<T>
  /** The n-th (1-based) realtime_event payload of `kind`. */
  payload<K extends RealtimeEventPayload['kind']>(kind: K, n?: number): Promise<Payload<K>>
  payloads<K extends RealtimeEventPayload['kind']>(kind: K): Payload<K>[]
  /** Submit a start and wait for realtime_started (or the error that replaced it). */
  start(op?: Record<string, unknown>): Promise<EngineEventOf<'realtime_started'>>
  audio(pcm: Int16Array): Promise<void>
}

export async function rtHarness(realtime: RealtimeSettings = {}, emuUrlBase = false): Promise<RtHarness> {
  const h: Harness = await harness({
    session: { realtime },
    provider: emuUrlBase ? (emu) => ({ baseUrl: emu.url }) : {},
  })
  const rt = h as RtHarness
  rt.until = <T>(check: () => T | undefined | null | false, timeoutMs = 5000) =>
    new Promise<T>((resolve, reject) => {
      let done = false
      const finish = (f: () => void) => {
        if (done) return
        done = true
        unsubscribe()
        clearTimeout(timer)
        f()
      }
      const test = () => {
        try {
          const v = check()
          if (v) finish(() => resolve(v))
        } catch (e) {
          finish(() => reject(e as Error))
        }
      }
      // The harness's own listener subscribed first, so h.events already holds the event here.
      const unsubscribe = h.session.subscribe(test)
      h.emu.realtime.waitFor(check, timeoutMs).then(
        (v) => finish(() => resolve(v)),
        () => undefined,
      )
      const timer = setTimeout(
        () => finish(() => reject(new Error(`timed out after ${timeoutMs} ms`))),
        timeoutMs,
      )
      test()
    })
  rt.event = <T extends EngineEvent>(pred: (e: EngineEvent) => e is T) => rt.until(() => h.events.find(pred))
  rt.payloads = <K extends RealtimeEventPayload['kind']>(kind: K) =>
    h.events.flatMap((e) =>
      e.type === 'realtime_event' && e.payload.kind === kind ? [e.payload as Payload<K>] : [],
    )
  rt.payload = (kind, n = 1) => rt.until(() => rt.payloads(kind)[n - 1])
  rt.start = async (op = {}) => {
    const before = h.of('realtime_started').length
    await h.session.submit({ type: 'realtime_start', prompt: 'backend prompt', ...op })
    const started = h.of('realtime_started')[before]
    if (!started) throw new Error(`not started: ${JSON.stringify(h.of('error'))}`)
    return started
  }
  rt.audio = async (pcm) => {
    for (const frame of frames(pcm, 480)) await h.session.submit({ type: 'realtime_audio', frame })
  }
  return rt
}

/** 20 ms frames of a tone loud enough for the emulated VAD. */
export const voice = (ms: number) => tone(Math.round(ms * 24), { hz: 220, amplitude: 0.3 })
export const silence = (ms: number) => new Int16Array(Math.round(ms * 24))

export const isType =
  <T extends EngineEvent['type']>(type: T) =>
  (e: EngineEvent): e is EngineEventOf<T> =>
    e.type === type
