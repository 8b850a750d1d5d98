// The tray icon, drawn in code (a filled circle whose colour is the state) so no image files are
// needed: idle grey, answering blue, voice live red, needs attention amber.
export type TrayState = 'idle' | 'busy' | 'voice' | 'attention'

const COLORS: Record<TrayState, [number, number, number]> = {
  idle: [0x8a, 0x90, 0x99],
  busy: [0x25, 0x63, 0xeb],
  voice: [0xdc, 0x26, 0x26],
  attention: [0xe0, 0x9b, 0x1a],
}

/** A BGRA bitmap (nativeImage.createFromBitmap) of `size`×`size` pixels, anti-aliased edge. */
export function trayBitmap(state: TrayState, size = 32): Buffer {
  const [r, g, b] = COLORS[state]
  const buf = Buffer.alloc(size * size * 4)
  const c = (size - 1) / 2
  const radius = size * 0.4
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c)
      const alpha = Math.max(0, Math.min(1, radius - d + 0.5))
      const i = (y * size + x) * 4
      buf[i] = b
      buf[i + 1] = g
      buf[i + 2] = r
      buf[i + 3] = Math.round(alpha * 255)
    }
  }
  return buf
}

export function trayStateFor(runningTurns: number, attention: boolean, voiceLive = false): TrayState {
  if (attention) return 'attention'
  // A live microphone outranks a running answer: the user must always see that voice is on.
  if (voiceLive) return 'voice'
  return runningTurns > 0 ? 'busy' : 'idle'
}

export function trayTooltip(state: TrayState, runningTurns: number): string {
  if (state === 'attention') return 'Assistant: something needs your attention'
  if (state === 'voice') return 'Assistant: voice is live'
  if (state === 'busy') return `Assistant: answering (${runningTurns})`
  return 'Assistant'
}
