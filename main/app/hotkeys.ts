// Global shortcuts: validate, register, and report what happened for each action. Registration
// never throws out of here: a bad accelerator or one another program holds becomes a status the
// settings show, never a crash (and never a shortcut that swallows plain typing).
//
// Push-to-talk is held, not pressed: globalShortcut reports presses only, so a native key hook in
// its own process (key-hold/) watches the release. Where that cannot work (Wayland, macOS without
// Accessibility, a key the hook has no code for), the shortcut falls back to press to talk,
// press again to send, and its status says why.
import type { HotkeyAction } from '@shared/bridge'
import type { HotkeyStatus } from '@shared/bridge'
import { WAYLAND_HOTKEY_NOTE } from './platform'
import { holdSpecOf } from './key-hold/keymap'
import type { HookStart, KeyHoldHook } from './key-hold/hook'

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

const LABEL: Record<HotkeyAction, string> = {
  quickWindow: 'Quick window',
  voice: 'Voice',
  pushToTalk: 'Push to talk',
  screenshot: 'Screenshot',
}

export interface PushToTalkHandlers {
  down(): void
  up(): void
  /**
   * Pressed where the release cannot be seen: the window decides from its own state whether
   * this press starts talking or sends (so a failed start cannot put the two out of step).
   */
  press(): void
}
export type HotkeyHandlers = Record<Exclude<HotkeyAction, 'pushToTalk' | 'screenshot'>, () => void> & {
  pushToTalk: PushToTalkHandlers
  screenshot?: () => void
}
/** Bindings per action; an action left out is not shown or registered. */
export type HotkeyBindings = Partial<Record<HotkeyAction, string>>

export interface HoldOptions {
  hook: KeyHoldHook
  platform: NodeJS.Platform
  /** Why holding cannot work on this desktop (null when it can). */
  unavailable: () => string | null
}

const HOLD_MESSAGE =
  'Registered. Hold to talk, release to send. The key still reaches the app in front, so pick one that does nothing there.'

export class HotkeyRegistrar {
  private registered = new Map<HotkeyAction, string>()
  private last: HotkeyStatus[] = []
  private queue: Promise<unknown> = Promise.resolve()
  private holdAccelerator = ''
  /** Why the desktop refused holding at the last apply (null: it did not). */
  private refusedBy: string | null = null

  constructor(
    private readonly api: ShortcutApi,
    private readonly opts: {
      wayland: boolean
      hold?: HoldOptions
      /** Statuses changed on their own (the key hook died and push-to-talk fell back). */
      onChange?: (status: HotkeyStatus[]) => void
    },
  ) {}

  /** Replace every binding; resolves to (and remembers) the status of each action. Calls run in order. */
  apply(bindings: HotkeyBindings, handlers: HotkeyHandlers): Promise<HotkeyStatus[]> {
    const run = this.queue.then(() => this.applyNow(bindings, handlers))
    this.queue = run.catch(() => undefined)
    return run
  }

  private async applyNow(bindings: HotkeyBindings, handlers: HotkeyHandlers): Promise<HotkeyStatus[]> {
    this.unregisterAll()
    this.refusedBy = null
    const seen = new Map<string, HotkeyAction>()
    const out: HotkeyStatus[] = []
    for (const action of Object.keys(bindings) as HotkeyAction[]) {
      const accelerator = (bindings[action] ?? '').trim()
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
      let why: string | null = null
      if (action === 'pushToTalk') {
        const hold = await this.startHold(accelerator, handlers.pushToTalk, bindings, handlers)
        if (hold.ok) {
          seen.set(norm, action)
          out.push({ ...status('registered', HOLD_MESSAGE), hold: true })
          continue
        }
        why = hold.reason
      }
      const callback =
        action === 'pushToTalk' ? () => handlers.pushToTalk.press() : (handlers[action] ?? (() => undefined))
      let ok: boolean
      try {
        ok = this.api.register(accelerator, callback)
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
      const note = this.opts.wayland ? ` ${WAYLAND_HOTKEY_NOTE}` : ''
      out.push(
        why === null
          ? status('registered', `Registered.${note}`)
          : {
              ...status('registered', `Registered: press to talk, press again to send (${why}).${note}`),
              hold: false,
            },
      )
    }
    this.last = out
    return out
  }

  private startHold(
    accelerator: string,
    on: PushToTalkHandlers,
    bindings: HotkeyBindings,
    handlers: HotkeyHandlers,
  ): Promise<HookStart> {
    const hold = this.opts.hold
    if (!hold) return Promise.resolve({ ok: false, reason: 'this host cannot watch keys' })
    const unavailable = hold.unavailable()
    this.refusedBy = unavailable
    if (unavailable) return Promise.resolve({ ok: false, reason: unavailable })
    const spec = holdSpecOf(accelerator, hold.platform)
    if ('error' in spec) return Promise.resolve({ ok: false, reason: spec.error })
    // A shortcut picked again deserves a fresh try after an earlier failure.
    if (accelerator !== this.holdAccelerator) hold.hook.reset()
    this.holdAccelerator = accelerator
    return hold.hook.start(spec, {
      down: on.down,
      up: on.up,
      // The hook died: fall back to press/press-again for the same bindings, and say so.
      lost: () => void this.apply(bindings, handlers).then((s) => this.opts.onChange?.(s)),
    })
  }

  /**
   * The desktop refused holding at the last apply and would allow it now (macOS: Accessibility
   * was granted meanwhile). The app asks when a window gains focus, and applies again if so.
   */
  needsHoldRetry(): boolean {
    return this.refusedBy !== null && this.opts.hold !== undefined && this.opts.hold.unavailable() === null
  }

  status(): HotkeyStatus[] {
    return this.last
  }

  unregisterAll(): void {
    this.opts.hold?.hook.stop()
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
