// Settings migrations. A file written by any earlier version is upgraded step by step; a field that
// is missing or unreadable falls back to its default on its own, so one bad value never costs the
// user the rest of their settings.
import { z } from 'zod'
import { DEFAULT_SETTINGS, SETTINGS_VERSION, Settings } from '@shared/bridge'

/** Version 1: the first prototype's flat file (no `version` key). */
export const SettingsV1 = z.looseObject({
  apiBaseUrl: z.string().optional(),
  defaultModel: z.string().optional(),
  hotkey: z.string().optional(),
  useSystemProxy: z.boolean().optional(),
  proxyUrl: z.string().optional(),
  darkMode: z.boolean().optional(),
  minimizeToTray: z.boolean().optional(),
})

type Raw = Record<string, unknown>

/** Each step turns version N into N+1. */
const STEPS: Record<number, (raw: Raw) => Raw> = {
  1: (raw) => {
    const v1 = SettingsV1.parse(raw)
    const out: Raw = { version: 2 }
    if (v1.apiBaseUrl) out.provider = { kind: 'custom', baseUrl: v1.apiBaseUrl }
    if (v1.defaultModel !== undefined) out.model = v1.defaultModel
    if (v1.hotkey !== undefined) out.hotkeys = { quickWindow: v1.hotkey }
    if (v1.proxyUrl) out.proxy = { mode: 'custom', url: v1.proxyUrl }
    else if (v1.useSystemProxy === false) out.proxy = { mode: 'none', url: '' }
    if (v1.darkMode !== undefined) out.theme = v1.darkMode ? 'dark' : 'light'
    if (v1.minimizeToTray !== undefined) out.closeToTray = v1.minimizeToTray
    return out
  },
  // Version 3 added first-run onboarding; someone with a settings file has already set the app up.
  2: (raw) => ({ ...raw, version: 3, onboarded: true }),
  // Version 4 added the push-to-talk hotkey (off until the user picks one).
  3: (raw) => ({ ...raw, version: 4 }),
}

export interface MigrationResult {
  settings: Settings
  /** The version found on disk (0 = nothing there). */
  from: number
  /** Fields that were unreadable and reset to their defaults. */
  repaired: string[]
  /** The caller should write the result back. */
  changed: boolean
}

function isRecord(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function migrateSettings(input: unknown): MigrationResult {
  if (input === undefined || (isRecord(input) && Object.keys(input).length === 0))
    return { settings: structuredClone(DEFAULT_SETTINGS), from: 0, repaired: [], changed: true }
  if (!isRecord(input))
    return { settings: structuredClone(DEFAULT_SETTINGS), from: 0, repaired: ['(whole file)'], changed: true }

  const from = typeof input.version === 'number' ? input.version : 1
  let raw: Raw = input
  const repaired: string[] = []
  for (let v = from; v < SETTINGS_VERSION; v++) {
    const step = STEPS[v]
    if (!step) break
    try {
      raw = step(raw)
    } catch {
      repaired.push(`(migration from version ${v})`)
      raw = { version: v + 1 }
    }
  }

  const settings = salvage(raw, repaired)
  const changed =
    from !== SETTINGS_VERSION || repaired.length > 0 || JSON.stringify(settings) !== JSON.stringify(input)
  return { settings, from, repaired, changed }
}

/** A list keeps every entry that reads on its own: one bad or newer entry (an MCP server, a preset)
 * must not cost the user the others. */
function salvageList(schema: z.ZodArray, value: unknown[], key: string, repaired: string[]): unknown[] {
  const whole = schema.safeParse(value)
  if (whole.success) return whole.data
  const kept: unknown[] = []
  value.forEach((entry, i) => {
    const one = (schema.element as z.ZodType).safeParse(entry)
    if (one.success) kept.push(one.data)
    else repaired.push(`${key}[${i}]`)
  })
  const again = schema.safeParse(kept)
  if (again.success) return again.data
  repaired.push(key)
  return []
}

/** Take every readable field, default the rest (field by field inside groups too). */
function salvage(raw: Raw, repaired: string[]): Settings {
  const out: Raw = structuredClone(DEFAULT_SETTINGS) as unknown as Raw
  const shape = Settings.shape
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    if (key === 'version' || raw[key] === undefined) continue
    const value = raw[key]
    const def = out[key]
    if (isRecord(def) && isRecord(value)) {
      // Merge a group field by field.
      const merged: Raw = { ...def }
      for (const [k, v] of Object.entries(value)) if (k in def) merged[k] = v
      const ok = shape[key].safeParse(merged)
      if (ok.success) out[key] = ok.data
      else {
        for (const k of Object.keys(def)) {
          const one = shape[key].safeParse({ ...def, [k]: merged[k] })
          if (one.success) (out[key] as Raw)[k] = merged[k]
          else repaired.push(`${key}.${k}`)
        }
      }
    } else if (Array.isArray(value) && shape[key] instanceof z.ZodArray) {
      out[key] = salvageList(shape[key] as z.ZodArray, value, key, repaired)
    } else {
      const ok = shape[key].safeParse(value)
      if (ok.success) out[key] = ok.data
      else repaired.push(key)
    }
  }
  out.version = SETTINGS_VERSION
  // Cross-field rules (a custom provider needs a URL, …): reset the offending group.
  const whole = Settings.safeParse(out)
  if (whole.success) return whole.data
  for (const issue of whole.error.issues) {
    const group = issue.path[0]
    if (typeof group === 'string' && group in DEFAULT_SETTINGS) {
      out[group] = structuredClone((DEFAULT_SETTINGS as unknown as Raw)[group])
      repaired.push(group)
    }
  }
  return Settings.parse(out)
}
