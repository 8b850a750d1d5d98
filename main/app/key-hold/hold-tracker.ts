// Turns a native hook's key-down/key-up stream into "held" / "released" for one shortcut. Runs
// inside the key-hook process, so only these two facts ever leave it, never a keystroke.
import { MODIFIER_CODES, type HoldSpec, type Mods } from './keymap'

/** What libuiohook reports for a key event (uiohook-napi's UiohookKeyboardEvent). */
export interface KeyEvent {
  keycode: number
  ctrlKey: boolean
  altKey: boolean
  shiftKey: boolean
  metaKey: boolean
}

export class HoldTracker {
  private held = false
  private readonly releaseCodes: Set<number>

  constructor(
    private readonly spec: HoldSpec,
    private readonly on: { down(): void; up(): void },
  ) {
    this.releaseCodes = new Set([spec.keycode])
    for (const m of Object.keys(spec.mods) as (keyof Mods)[])
      if (spec.mods[m]) for (const code of MODIFIER_CODES[m]) this.releaseCodes.add(code)
  }

  get isHeld(): boolean {
    return this.held
  }

  keydown(e: KeyEvent): void {
    // Auto-repeat sends more key-downs while held: one hold is one press.
    if (this.held || e.keycode !== this.spec.keycode) return
    const m = this.spec.mods
    // Exactly the shortcut's modifiers, as globalShortcut matches: Ctrl+Shift+Space is not Ctrl+Space.
    if (e.ctrlKey !== m.ctrl || e.altKey !== m.alt || e.shiftKey !== m.shift || e.metaKey !== m.meta) return
    this.held = true
    this.on.down()
  }

  /** The key or any of its modifiers let go ends the hold (people release in any order). */
  keyup(e: KeyEvent): void {
    if (!this.held || !this.releaseCodes.has(e.keycode)) return
    this.held = false
    this.on.up()
  }
}
