// What the host asks of the voice panel: the voice hotkey (`navigate {view:'voice'}`: toggle the
// session) and the push-to-talk hotkey (`push_to_talk` down/up). The panel is a lazy chunk and a
// hotkey may be what brought the quick window up, so requests can arrive before it mounts: they
// wait here, in arrival order, and are handed over when the panel attaches. A down and an up that
// both arrived early are replayed as such (a session starts; the cancelled press sends nothing).
import type { AssistantBridge } from '@shared/bridge'

/** `press`: the hotkey where releases cannot be seen (press to talk, press again to send). */
export type VoiceCommand = { type: 'toggle' } | { type: 'hold'; down: boolean } | { type: 'press' }

/** Waiting requests kept before the panel mounts (it mounts within a frame or two; this is a cap). */
const MAX_WAITING = 64

export class VoiceCommands {
  private waiting: VoiceCommand[] = []
  private handler: ((c: VoiceCommand) => void) | null = null

  /** Subscribes for the page's lifetime: created once, at load, so nothing is missed. */
  constructor(bridge: Pick<AssistantBridge, 'onEvent'>) {
    bridge.onEvent((e) => {
      if (e.type === 'navigate' && e.view === 'voice') this.deliver({ type: 'toggle' })
      else if (e.type === 'push_to_talk')
        this.deliver(e.state === 'press' ? { type: 'press' } : { type: 'hold', down: e.state === 'down' })
    })
  }

  /** Hands over what waited, in order, then every new request; returns the detach. */
  attach(handler: (c: VoiceCommand) => void): () => void {
    this.handler = handler
    const waiting = this.waiting
    this.waiting = []
    for (const c of waiting) handler(c)
    return () => {
      if (this.handler === handler) this.handler = null
    }
  }

  private deliver(c: VoiceCommand): void {
    if (this.handler) return this.handler(c)
    this.waiting.push(c)
    // Dropping the oldest can leave a lone `up` first, which a session without a press ignores.
    if (this.waiting.length > MAX_WAITING) this.waiting.shift()
  }
}
