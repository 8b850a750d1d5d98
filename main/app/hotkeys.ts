// Global shortcuts: validate, register, and report what happened for each action. Registration
// never throws out of here: a bad accelerator or one another program holds becomes a status the
// settings show, never a crash (and never a shortcut that swallows plain typing).
import type { HotkeyAction } from '@shared/bridge'
import type { HotkeyStatus } from '@shared/bridge'
import { WAYLAND_HOTKEY_NOTE } from './platform'

/** The part of Electron's globalShortcut this needs (a stub in tests). */
export interface ShortcutApi {
  register(accelerator: string, callback: () => void): boolean
  unregister(accelerator: string): void
}

const MODIFIERS = new Set([
  'command',
  'cmd',
  'control',
  'ctrl',
  'commandorcontrol',
  'cmdorctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
])
const NAMED_KEYS = new Set([
  'plus',
  'space',
  'tab',
  'capslock',
  'numlock',
  'scrolllock',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc',
  'printscreen',
  'volumeup',
  'volumedown',
  'volumemute',
  'medianexttrack',
  'mediaprevioustrack',
  'mediastop',
  'mediaplaypause',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
])
const PUNCTUATION = ')!@#$%^&*(:;+=<,_->.?/~`{]}[|\\\'"'
/** Keys fine to grab without a modifier: they type nothing. */
const STANDALONE = /^(f([1-9]|1[0-9]|2[0-4])|media\w+|volume\w+|printscreen)$/

function isKey(k: string): boolean {
  return (
    NAMED_KEYS.has(k) ||
    /^[a-z0-9]$/.test(k) ||
    /^f([1-9]|1[0-9]|2[0-4])$/.test(k) ||
    /^num[0-9]$/.test(k) ||
    (k.length === 1 && PUNCTUATION.includes(k))
  )
}

/** null when usable; otherwise why not, in plain words. */
export function validateAccelerator(accelerator: string): string | null {
  const parts = accelerator.split('+')
  // "Ctrl++" means Ctrl and the plus key.
  if (accelerator.endsWith('++')) parts.splice(parts.length - 2, 2, '+')
  if (parts.some((p) => p === '')) return `"${accelerator}" has an empty part`
  const lower = parts.map((p) => p.toLowerCase())
  const key = lower[lower.length - 1]!
  const mods = lower.slice(0, -1)
  const unknown = mods.find((m) => !MODIFIERS.has(m))
  if (unknown !== undefined)
    return `"${parts[lower.indexOf(unknown)]}" is not a modifier (use Ctrl, Alt, Shift, Super, CommandOrControl…)`
  if (!isKey(key)) return `"${parts[parts.length - 1]}" is not a key Electron knows`
  if (new Set(mods).size !== mods.length) return 'a modifier appears twice'
  const real = mods.filter((m) => m !== 'shift')
  if (real.length === 0 && !STANDALONE.test(key))
    return 'add a modifier such as Ctrl, Alt or Super: a global shortcut without one would swallow normal typing'
  return null
}

const LABEL: Record<HotkeyAction, string> = { quickWindow: 'Quick window', voice: 'Voice' }

export class HotkeyRegistrar {
  private registered = new Map<HotkeyAction, string>()
  private last: HotkeyStatus[] = []

  constructor(
    private readonly api: ShortcutApi,
    private readonly opts: { wayland: boolean },
  ) {}

  /** Replace every binding; returns (and remembers) the status of each action. */
  apply(bindings: Record<HotkeyAction, string>, handlers: Record<HotkeyAction, () => void>): HotkeyStatus[] {
    this.unregisterAll()
    const seen = new Map<string, HotkeyAction>()
    const out: HotkeyStatus[] = []
    for (const action of Object.keys(bindings) as HotkeyAction[]) {
      const accelerator = bindings[action].trim()
      const status = (state: HotkeyStatus['state'], message: string): HotkeyStatus => ({
        action,
        accelerator,
        state,
        message,
      })
      if (accelerator === '') {
        out.push(status('disabled', 'No shortcut set.'))
        continue
      }
      const invalid = validateAccelerator(accelerator)
      if (invalid) {
        out.push(status('invalid', `Not a valid shortcut: ${invalid}.`))
        continue
      }
      const norm = accelerator.toLowerCase()
      const clash = seen.get(norm)
      if (clash) {
        out.push(status('conflict', `Already used by ${LABEL[clash]} in this app.`))
        continue
      }
      let ok: boolean
      try {
        ok = this.api.register(accelerator, handlers[action])
      } catch (e) {
        out.push(status('invalid', `Electron refused the shortcut: ${(e as Error).message}`))
        continue
      }
      if (!ok) {
        out.push(status('conflict', 'Another program already uses this shortcut; pick a different one.'))
        continue
      }
      seen.set(norm, action)
      this.registered.set(action, accelerator)
      out.push(status('registered', this.opts.wayland ? `Registered. ${WAYLAND_HOTKEY_NOTE}` : 'Registered.'))
    }
    this.last = out
    return out
  }

  status(): HotkeyStatus[] {
    return this.last
  }

  unregisterAll(): void {
    for (const accel of this.registered.values()) {
      try {
        this.api.unregister(accel)
      } catch {
        // Already gone; nothing to undo.
      }
    }
    this.registered.clear()
  }
}
