// The OS's UI languages for the renderer's catalogs (issue 16). Electron reports them only in
// main, so they travel in Capabilities; invalid or duplicate tags are dropped.
interface LocaleSource {
  getLocale?(): string
  getPreferredSystemLanguages?(): string[]
}

export function systemLocales(app: LocaleSource): string[] {
  let tags: unknown[]
  try {
    tags = [...(app.getPreferredSystemLanguages?.() ?? []), app.getLocale?.()]
  } catch {
    return [] // the page falls back to navigator.languages
  }
  const out: string[] = []
  for (const tag of tags) {
    if (typeof tag !== 'string' || tag.length === 0 || tag.length > 35) continue
    let canonical: string
    try {
      canonical = Intl.getCanonicalLocales(tag)[0] ?? ''
    } catch {
      continue
    }
    if (canonical && !out.includes(canonical)) out.push(canonical)
  }
  return out.slice(0, 20)
}
