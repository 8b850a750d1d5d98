// Realtime WebSocket URLs (protocol.md §10.2). Gen 0 talks to the codex realtime backend at its
// base (path `/ws` when the base has none); v2 is the public API at `<base>/realtime?model=…`.
import type { RealtimeDialect } from '@shared/realtime'
import { toWebSocketUrl } from '../provider'

export interface RealtimeUrlOptions {
  model?: string | undefined
  /** Provider query params, appended after the dialect's own. */
  query?: Record<string, string> | undefined
}

export function realtimeUrl(dialect: RealtimeDialect, base: string, opts: RealtimeUrlOptions = {}): string {
  const url = new URL(toWebSocketUrl(base))
  const path = url.pathname.replace(/\/+$/, '')
  const params: [string, string][] = []
  if (dialect === 'gen0') {
    if (path === '') url.pathname = '/ws'
  } else {
    // `/v1` → `/v1/realtime` (api.openai.com), `/backend-api/codex` → `…/codex/realtime`,
    // no path → `/v1/realtime`, an explicit `…/realtime` is kept.
    if (path === '') url.pathname = '/v1/realtime'
    else if (!path.endsWith('/realtime')) url.pathname = `${path}/realtime`
    if (opts.model) params.push(['model', opts.model])
  }
  for (const [k, v] of Object.entries(opts.query ?? {})) {
    // The dialect's own params win; v2 never sends the quicksilver `intent`.
    if (dialect === 'v2' && (k === 'intent' || (k === 'model' && opts.model))) continue
    params.push([k, v])
  }
  for (const [k, v] of params) url.searchParams.append(k, v)
  return url.toString()
}
