// The per-conversation web search switch in the composer's toolbar (off by default). Only shown
// where the provider offers the hosted tool (OpenAI's own providers).
import { useCallback, useSyncExternalStore } from 'react'
import { useT } from '../i18n/use-t'

const KEY = 'webSearch:'
const listeners = new Set<() => void>()

/** Whether web search is on for a conversation (`null`: the new chat not sent yet). */
export function webSearchOn(conversationId: string | null): boolean {
  try {
    return localStorage.getItem(KEY + (conversationId ?? 'new')) === '1'
  } catch {
    return false
  }
}

export function setWebSearch(conversationId: string | null, on: boolean): void {
  try {
    if (on) localStorage.setItem(KEY + (conversationId ?? 'new'), '1')
    else localStorage.removeItem(KEY + (conversationId ?? 'new'))
  } catch {
    // storage unavailable: the switch still works for this page
  }
  for (const l of listeners) l()
}

/** A new chat's choice follows it once it has an id. */
export function adoptNewChatWebSearch(conversationId: string): void {
  if (webSearchOn(null)) {
    setWebSearch(conversationId, true)
    setWebSearch(null, false)
  }
}

function subscribe(l: () => void): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}

export function WebSearchToggle({ conversationId }: { conversationId: string | null }) {
  const t = useT()
  const on = useSyncExternalStore(subscribe, () => webSearchOn(conversationId))
  const toggle = useCallback(() => setWebSearch(conversationId, !on), [conversationId, on])
  return (
    <button
      type="button"
      className={`btn web-search-toggle${on ? ' on' : ''}`}
      aria-pressed={on}
      title={t('webSearch.title')}
      onClick={toggle}
    >
      {t('webSearch.label')}
    </button>
  )
}
