// Per-turn telemetry aggregator (protocol.md §5). Transports call the hooks; the hot path only
// bumps counters and writes one number into a preallocated buffer per event.
import type { TurnTelemetry } from '@shared/events'
import type { TransportAttempt, TransportObserver } from './responses/client'

export class TurnTelemetryCollector implements TransportObserver {
  private readonly started = performance.now()
  private firstTokenAt: number | null = null
  private readonly kinds = new Map<string, number>()
  private samples = new Float64Array(1024)
  private count = 0
  private transport: 'sse' | 'websocket' = 'sse'
  private readonly handshakes: number[] = []
  private readonly requests: number[] = []
  private bytesIn = 0
  private bytesOut = 0
  private bytesOutRaw = 0
  private attempts = 0
  retries = 0
  fallbacks = 0
  serverTiming: Record<string, number> | undefined

  private lastKind = ''
  private lastKindCount = 0

  observe(kind: string, ms: number): void {
    // Runs of one kind (token deltas) bump a field, not the map.
    if (kind === this.lastKind) this.lastKindCount++
    else {
      this.flushKind()
      this.lastKind = kind
      this.lastKindCount = 1
    }
    if (this.firstTokenAt === null && kind === 'response.output_text.delta')
      this.firstTokenAt = performance.now()
    if (ms < 0) return
    if (this.count === this.samples.length) {
      const bigger = new Float64Array(this.samples.length * 2)
      bigger.set(this.samples)
      this.samples = bigger
    }
    this.samples[this.count++] = ms
  }

  private flushKind(): void {
    if (this.lastKindCount > 0)
      this.kinds.set(this.lastKind, (this.kinds.get(this.lastKind) ?? 0) + this.lastKindCount)
    this.lastKindCount = 0
  }

  attempt(a: TransportAttempt): void {
    this.attempts++
    this.transport = a.transport
    this.requests.push(round(a.requestMs))
    this.bytesIn += a.bytesIn
    this.bytesOut += a.bytesOut
    this.bytesOutRaw += a.bytesOutUncompressed
  }

  handshake(ms: number): void {
    this.handshakes.push(round(ms))
  }

  summary(): TurnTelemetry {
    this.flushKind()
    this.lastKind = ''
    const sorted = this.samples.slice(0, this.count).sort()
    const pick = (q: number) =>
      this.count === 0 ? 0 : (sorted[Math.min(this.count - 1, Math.floor(q * this.count))] ?? 0)
    const t: TurnTelemetry = {
      transport: this.transport,
      fallbacks: this.fallbacks,
      retries: this.retries,
      requests: this.attempts,
      handshakeMs: this.handshakes,
      requestMs: this.requests,
      ttftMs: this.firstTokenAt === null ? null : round(this.firstTokenAt - this.started),
      durationMs: round(performance.now() - this.started),
      eventsByKind: Object.fromEntries(this.kinds),
      processing: { p50: round(pick(0.5), 4), p95: round(pick(0.95), 4), max: round(pick(1), 4) },
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      bytesOutUncompressed: this.bytesOutRaw,
      compressionRatio:
        this.bytesOut > 0 && this.bytesOut !== this.bytesOutRaw
          ? round(this.bytesOutRaw / this.bytesOut, 3)
          : null,
    }
    if (this.serverTiming) t.serverTiming = this.serverTiming
    return t
  }
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(n * f) / f
}
