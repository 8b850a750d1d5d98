// Which catalog to show: the Settings override, else the first OS/browser language we have a
// catalog for (exact tag, then its language), else English.
export const LOCALES = ['en', 'zh-CN', 'es'] as const
export type Locale = (typeof LOCALES)[number]

/** Names shown in the language picker, each in its own language. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '中文（简体）', es: 'Español' }

function match(tag: string): Locale | null {
  const lower = tag.toLowerCase()
  const exact = LOCALES.find((l) => l.toLowerCase() === lower)
  if (exact) return exact
  const lang = lower.split(/[-_]/)[0]
  // Traditional Chinese scripts/regions are not Simplified; they fall through to the next language.
  if (lang === 'zh') return /-(hant|tw|hk|mo)\b/.test(lower) ? null : 'zh-CN'
  return LOCALES.find((l) => l.split('-')[0] === lang) ?? null
}

export function pickLocale(setting: string | undefined, preferred: readonly string[]): Locale {
  if (setting && setting !== 'system') {
    const chosen = match(setting)
    if (chosen) return chosen
  }
  for (const tag of preferred) {
    const m = match(tag)
    if (m) return m
  }
  return 'en'
}
