// Electron accelerator → the key and modifiers a native key hook reports (libuiohook's virtual
// key codes, the same on every platform). Only keys that have such a code can be held; the rest
// (media keys, shifted punctuation) fall back to press-to-toggle.

export interface Mods {
  ctrl: boolean
  alt: boolean
  shift: boolean
  meta: boolean
}

export interface HoldSpec {
  keycode: number
  mods: Mods
}

/** libuiohook virtual key codes (uiohook-napi's `UiohookKey`), copied so main need not load the addon. */
const KEYS: Record<string, number> = {
  backspace: 0x0e,
  tab: 0x0f,
  enter: 0x1c,
  return: 0x1c,
  capslock: 0x3a,
  escape: 0x01,
  esc: 0x01,
  space: 0x39,
  pageup: 0x0e49,
  pagedown: 0x0e51,
  end: 0x0e4f,
  home: 0x0e47,
  left: 0xe04b,
  up: 0xe048,
  right: 0xe04d,
  down: 0xe050,
  insert: 0x0e52,
  delete: 0x0e53,
  numlock: 0x45,
  scrolllock: 0x46,
  printscreen: 0x0e37,
  nummult: 0x37,
  numadd: 0x4e,
  numsub: 0x4a,
  numdec: 0x53,
  numdiv: 0x0e35,
  ';': 0x27,
  '=': 0x0d,
  ',': 0x33,
  '-': 0x0c,
  '.': 0x34,
  '/': 0x35,
  '`': 0x29,
  '[': 0x1a,
  '\\': 0x2b,
  ']': 0x1b,
  "'": 0x28,
}
const DIGITS = [0x0b, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a]
const NUMPAD = [0x52, 0x4f, 0x50, 0x51, 0x4b, 0x4c, 0x4d, 0x47, 0x48, 0x49]
const LETTERS = 'abcdefghijklmnopqrstuvwxyz'
const LETTER_CODES = [
  0x1e, 0x30, 0x2e, 0x20, 0x12, 0x21, 0x22, 0x23, 0x17, 0x24, 0x25, 0x26, 0x32, 0x31, 0x18, 0x19, 0x10, 0x13,
  0x1f, 0x14, 0x16, 0x2f, 0x11, 0x2d, 0x15, 0x2c,
]
const F_KEYS = [
  0x3b, 0x3c, 0x3d, 0x3e, 0x3f, 0x40, 0x41, 0x42, 0x43, 0x44, 0x57, 0x58, 0x5b, 0x5c, 0x5d, 0x63, 0x64, 0x65,
  0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b,
]

/** Left and right key codes of each modifier: releasing either side ends a hold. */
export const MODIFIER_CODES: Record<keyof Mods, readonly number[]> = {
  ctrl: [0x1d, 0x0e1d],
  alt: [0x38, 0x0e38],
  shift: [0x2a, 0x36],
  meta: [0x0e5b, 0x0e5c],
}

function keyCode(key: string): number | null {
  if (key in KEYS) return KEYS[key]!
  if (/^[0-9]$/.test(key)) return DIGITS[Number(key)]!
  if (/^[a-z]$/.test(key)) return LETTER_CODES[LETTERS.indexOf(key)]!
  const f = /^f([1-9]|1[0-9]|2[0-4])$/.exec(key)
  if (f) return F_KEYS[Number(f[1]) - 1]!
  const n = /^num([0-9])$/.exec(key)
  if (n) return NUMPAD[Number(n[1])]!
  return null
}

/**
 * The hold spec of a (valid) accelerator, or why it cannot be held. `CommandOrControl` is
 * Command on macOS and Control elsewhere, as Electron reads it.
 */
export function holdSpecOf(accelerator: string, platform: NodeJS.Platform): HoldSpec | { error: string } {
  const parts = accelerator.split('+')
  if (accelerator.endsWith('++')) parts.splice(parts.length - 2, 2, '+')
  const lower = parts.map((p) => p.toLowerCase())
  const key = lower.pop()!
  const mods: Mods = { ctrl: false, alt: false, shift: false, meta: false }
  const mac = platform === 'darwin'
  for (const m of lower) {
    if (m === 'control' || m === 'ctrl') mods.ctrl = true
    else if (m === 'commandorcontrol' || m === 'cmdorctrl') mods[mac ? 'meta' : 'ctrl'] = true
    else if (m === 'command' || m === 'cmd' || m === 'super' || m === 'meta') mods.meta = true
    else if (m === 'alt' || m === 'option' || m === 'altgr') mods.alt = true
    else if (m === 'shift') mods.shift = true
    else return { error: `"${m}" is not a modifier` }
  }
  const keycode = keyCode(key)
  if (keycode === null) return { error: `the app cannot watch "${parts[parts.length - 1]}" being released` }
  return { keycode, mods }
}
