// Facts the server puts in response headers (protocol.md §1.5, §2, §3, §6).
import type { RateLimitSnapshot, RateLimitWindow } from '@shared/wire/rate-limits'

export type HeaderGetter = (name: string) => string | undefined

/** What a response (HTTP) or handshake (WebSocket) told us before any event. */
export interface ResponseMeta {
  serverModel: string | null
  rateLimits: RateLimitSnapshot[]
  promoMessage: string | null
  modelsEtag: string | null
  reasoningIncluded: boolean
  turnState: string | null
  requestId: string | null
}

/** A response that told us nothing (no handshake headers yet). */
export function emptyMeta(): ResponseMeta {
  return {
    serverModel: null,
    rateLimits: [],
    promoMessage: null,
    modelsEtag: null,
    reasoningIncluded: false,
    turnState: null,
    requestId: null,
  }
}

export function headerGetter(headers: Record<string, string | string[] | undefined>): HeaderGetter {
  return (name) => {
    const v = headers[name.toLowerCase()]
    return Array.isArray(v) ? v[0] : v
  }
}

export function readResponseMeta(get: HeaderGetter, names: Iterable<string>): ResponseMeta {
  const etag = get('x-models-etag')?.trim()
  return {
    serverModel: get('openai-model') ?? get('x-openai-model') ?? null,
    rateLimits: parseRateLimitHeaders(get, names),
    promoMessage: get('x-codex-promo-message') ?? null,
    modelsEtag: etag ? etag : null,
    reasoningIncluded: get('x-reasoning-included') !== undefined,
    turnState: get('x-codex-turn-state') ?? null,
    requestId: get('x-request-id') ?? null,
  }
}

function parseFloatHeader(v: string | undefined): number | null {
  if (v === undefined) return null
  const n = Number.parseFloat(v.trim())
  return Number.isFinite(n) ? n : null
}

function parseIntHeader(v: string | undefined): number | null {
  if (v === undefined) return null
  const n = Number.parseInt(v.trim(), 10)
  return Number.isFinite(n) ? n : null
}

function parseBool(v: string | undefined): boolean | null {
  if (v === undefined) return null
  const s = v.trim().toLowerCase()
  if (s === 'true' || s === '1') return true
  if (s === 'false' || s === '0') return false
  return null
}

function parseWindow(get: HeaderGetter, prefix: string): RateLimitWindow | undefined {
  const used = parseFloatHeader(get(`${prefix}-used-percent`))
  if (used === null) return undefined
  const minutes = parseIntHeader(get(`${prefix}-window-minutes`))
  const reset = parseIntHeader(get(`${prefix}-reset-at`))
  if (used === 0 && (minutes ?? 0) === 0 && reset === null) return undefined
  const w: RateLimitWindow = { used_percent: used }
  if (minutes !== null) w.window_minutes = minutes
  if (reset !== null) w.resets_at = reset
  return w
}

function familySnapshot(get: HeaderGetter, family: string): RateLimitSnapshot {
  const prefix = `x-${family}`
  const snap: RateLimitSnapshot = { limit_id: family.replace(/-/g, '_') }
  const primary = parseWindow(get, `${prefix}-primary`)
  const secondary = parseWindow(get, `${prefix}-secondary`)
  if (primary) snap.primary = primary
  if (secondary) snap.secondary = secondary
  const has = parseBool(get(`${prefix}-credits-has-credits`))
  const unlimited = parseBool(get(`${prefix}-credits-unlimited`))
  if (has !== null && unlimited !== null) {
    const balance = get(`${prefix}-credits-balance`)?.trim()
    snap.credits = { has_credits: has, unlimited, balance: balance ? balance : null }
  }
  const name = get(`${prefix}-limit-name`)
  if (name) snap.limit_name = name
  return snap
}

const FAMILY = /^x-([a-z0-9-]+)-primary-used-percent$/

/** One snapshot per limit family: `codex` always first (even empty), others only with data. */
export function parseRateLimitHeaders(get: HeaderGetter, names: Iterable<string>): RateLimitSnapshot[] {
  const out: RateLimitSnapshot[] = [familySnapshot(get, 'codex')]
  const seen = new Set<string>(['codex'])
  for (const raw of names) {
    const m = FAMILY.exec(raw.toLowerCase())
    const family = m?.[1]
    if (!family || seen.has(family)) continue
    seen.add(family)
    const snap = familySnapshot(get, family)
    if (snap.primary || snap.secondary || snap.credits) out.push(snap)
  }
  return out
}

/** Server model from header-shaped data inside an event (`response.headers` or top-level `headers`). */
export function modelFromHeaderMap(map: Record<string, unknown> | undefined): string | null {
  if (!map) return null
  for (const key of Object.keys(map)) {
    const k = key.toLowerCase()
    if (k !== 'openai-model' && k !== 'x-openai-model') continue
    const v = map[key]
    if (typeof v === 'string') return v
    if (Array.isArray(v)) {
      const first = v.find((x) => typeof x === 'string')
      if (typeof first === 'string') return first
    }
  }
  return null
}
