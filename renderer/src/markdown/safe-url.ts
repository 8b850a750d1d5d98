// Links in model output are untrusted. Only https links (without credentials) are clickable; the
// Electron host opens them in the system browser (main/app/external-links.ts) and the browser host
// in a new tab without an opener. Everything else (javascript:, data:, file:, relative) is text.

export function safeHref(href: string): string | null {
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' || url.username || url.password) return null
  return url.href
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' }

/** The few entities a model writes in plain text; anything else stays as typed. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s
  return s.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, name: string) => ENTITIES[name] ?? _m)
}
