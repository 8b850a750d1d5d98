// The custom provider's key is bound to the server it was entered for: stored as
// `{"origin","key"}` and used only while the base URL still points at that origin. A page may
// change the base URL, but never carries a key (this one or the OpenAI key) to a new host.
import type { Settings } from '@shared/bridge'

export interface CustomKey {
  origin: string
  key: string
}

/** `scheme://host:port` of an http(s)/ws(s) URL, or null when it is not one. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return null
    // ws(s) and http(s) on the same host and port are the same server.
    const scheme = u.protocol === 'ws:' ? 'http:' : u.protocol === 'wss:' ? 'https:' : u.protocol
    return `${scheme}//${u.host}`.toLowerCase()
  } catch {
    return null
  }
}

/** The stored form of a key the user entered for the current custom base URL; throws when there is none. */
export function bindCustomKey(settings: Settings, key: string): string {
  const origin = settings.provider.kind === 'custom' ? originOf(settings.provider.baseUrl) : null
  if (!origin)
    throw new Error(
      'Choose the custom provider and enter its base URL first; the key is kept for that server.',
    )
  const value: CustomKey = { origin, key }
  return JSON.stringify(value)
}

export function decodeCustomKey(raw: string | null): CustomKey | null {
  if (!raw) return null
  try {
    const v = JSON.parse(raw) as Partial<CustomKey>
    return typeof v.origin === 'string' && typeof v.key === 'string' && v.key
      ? { origin: v.origin, key: v.key }
      : null
  } catch {
    return null
  }
}

/** The key to send to `baseUrl`, or null when none was entered for that server. */
export function customKeyFor(raw: string | null, baseUrl: string): string | null {
  const stored = decodeCustomKey(raw)
  return stored && stored.origin === originOf(baseUrl) ? stored.key : null
}

/** What the page may know: whether the current server has a key, and which server the stored one is for. */
export function customKeyView(
  raw: string | null,
  settings: Settings,
): { set: boolean; origin: string | null } {
  const stored = decodeCustomKey(raw)
  return {
    set: stored !== null && stored.origin === originOf(settings.provider.baseUrl),
    origin: stored?.origin ?? null,
  }
}
