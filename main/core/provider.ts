// Providers: where requests go and how they are authenticated (protocol.md §1.1, §1.2).
import os from 'node:os'
import type { Agent } from 'node:http'

export type ProviderId = 'openai' | 'chatgpt' | 'custom'

export const OPENAI_BASE_URL = 'https://api.openai.com/v1'
export const CHATGPT_BASE_URL = 'https://chatgpt.com/backend-api/codex'

/** Supplies auth headers; `refresh` is tried once after a 401 (ChatGPT tokens). */
export interface AuthSource {
  readonly kind: 'api_key' | 'chatgpt' | 'none'
  headers(): Promise<Record<string, string>>
  refresh?(): Promise<boolean>
}

export interface Provider {
  id: ProviderId
  /** Display name; `OpenAI` for the built-in providers (compression and reroute rules key on it). */
  name: string
  baseUrl: string
  queryParams?: Record<string, string>
  headers?: Record<string, string>
  supportsWebsockets: boolean
  auth: AuthSource
  /** Custom agent for every connection (proxies). */
  agent?: (url: URL) => Agent | undefined
}

export function apiKeyAuth(key: string): AuthSource {
  return { kind: 'api_key', headers: async () => ({ Authorization: `Bearer ${key}` }) }
}

export const noAuth: AuthSource = { kind: 'none', headers: async () => ({}) }

/** Strip trailing `/` from base and leading `/` from path, join, append provider query params. */
export function joinUrl(base: string, path: string, query?: Record<string, string>): string {
  let url = `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
  const entries = Object.entries(query ?? {})
  if (entries.length > 0) {
    const qs = entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
    url += (url.includes('?') ? '&' : '?') + qs
  }
  return url
}

/** http→ws, https→wss, ws/wss kept. */
export function toWebSocketUrl(url: string): string {
  if (url.startsWith('https://')) return 'wss://' + url.slice(8)
  if (url.startsWith('http://')) return 'ws://' + url.slice(7)
  return url
}

export const CLIENT_VERSION = '0.1.0'
export const DEFAULT_ORIGINATOR = 'codex_cli_rs'

export function userAgent(originator: string): string {
  return `${originator}/${CLIENT_VERSION} (${os.type()} ${os.release()}; ${os.arch()}) desktop-assistant`
}

/**
 * Merge headers: provider headers, then per-request extras override them, then defaults only
 * where absent, then auth last (protocol.md §1.2). Names compare case-insensitively.
 */
export function mergeHeaders(
  provider: Record<string, string> | undefined,
  extra: Record<string, string>,
  defaults: Record<string, string>,
  auth: Record<string, string>,
): Record<string, string> {
  const out = new Map<string, [string, string]>()
  const put = (k: string, v: string, onlyIfAbsent = false) => {
    const key = k.toLowerCase()
    if (onlyIfAbsent && out.has(key)) return
    out.set(key, [k, v])
  }
  for (const [k, v] of Object.entries(provider ?? {})) put(k, v)
  for (const [k, v] of Object.entries(extra)) put(k, v)
  for (const [k, v] of Object.entries(defaults)) put(k, v, true)
  for (const [k, v] of Object.entries(auth)) put(k, v)
  return Object.fromEntries([...out.values()])
}

export function isOpenAiProvider(p: Provider): boolean {
  return p.id === 'openai' || p.id === 'chatgpt'
}
