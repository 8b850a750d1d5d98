// Developer counters of each voice session (frames, latency, interruptions, reconnects), kept
// for the Diagnostics panel instead of the voice panel. One entry per conversation's sessions.
import { useSyncExternalStore } from 'react'

export interface VoiceSessionStats {
  conversationId: string
  startedAt: number
  framesSent: number
  samplesPlayed: number
  interruptions: number
  /** Sessions in this conversation that ended on a dropped connection and were started again. */
  reconnects: number
  /** Assistant audio: arrival → first sample heard, per answer (ms). */
  firstAudioMs: number[]
  /** Microphone frame capture → handed to the host (ms), sampled. */
  captureMs: number[]
  ended: 'requested' | 'transport_closed' | 'error' | null
}

const sessions: VoiceSessionStats[] = []
let version = 0
const listeners = new Set<() => void>()

function changed(): void {
  version++
  for (const l of listeners) l()
}

export function beginVoiceStats(conversationId: string): VoiceSessionStats {
  const previous = sessions.findLast((s) => s.conversationId === conversationId)
  const s: VoiceSessionStats = {
    conversationId,
    startedAt: Date.now(),
    framesSent: 0,
    samplesPlayed: 0,
    interruptions: 0,
    reconnects: previous ? previous.reconnects + (previous.ended === 'transport_closed' ? 1 : 0) : 0,
    firstAudioMs: [],
    captureMs: [],
    ended: null,
  }
  sessions.push(s)
  if (sessions.length > 50) sessions.shift()
  changed()
  return s
}

/** Counters change per frame: the panel re-renders at most a few times a second. */
let pending: ReturnType<typeof setTimeout> | null = null
export function voiceStatsChanged(): void {
  pending ??= setTimeout(() => {
    pending = null
    changed()
  }, 250)
}

export function percentiles(xs: number[]): { p50: number; p95: number; max: number } | null {
  if (xs.length === 0) return null
  const s = [...xs].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1]! }
}

export function useVoiceStats(conversationId: string | null): VoiceSessionStats[] {
  useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => version,
  )
  return sessions.filter((s) => s.conversationId === conversationId)
}
