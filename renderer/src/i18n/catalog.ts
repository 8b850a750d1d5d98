// Loading catalogs: English is bundled (the fallback for every id); the others are separate chunks
// loaded on first use.
import { en, type Messages } from './messages/en'
import type { Locale } from './locales'

const loaded = new Map<Locale, Messages>([['en', en]])

export async function loadMessages(locale: Locale): Promise<Messages> {
  const hit = loaded.get(locale)
  if (hit) return hit
  const messages =
    locale === 'zh-CN' ? (await import('./messages/zh-CN')).zhCN : (await import('./messages/es')).es
  loaded.set(locale, messages)
  return messages
}
