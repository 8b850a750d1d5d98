// The composer's draft per conversation, kept across reloads (localStorage, capped), so switching
// conversations or a failed send never loses what was typed.
const KEY = 'assistant.drafts'
const MAX_DRAFTS = 50
const MAX_CHARS = 100_000

type Drafts = Record<string, string>

export const NEW_CHAT = 'new'

function read(storage: Storage | undefined): Drafts {
  try {
    const raw = storage?.getItem(KEY)
    const parsed: unknown = raw ? JSON.parse(raw) : {}
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Drafts) : {}
  } catch {
    return {}
  }
}

export class DraftStore {
  private drafts: Drafts

  constructor(private readonly storage: Storage | undefined = globalThis.localStorage) {
    this.drafts = read(storage)
  }

  get(id: string | null): string {
    const v = this.drafts[id ?? NEW_CHAT]
    return typeof v === 'string' ? v : ''
  }

  set(id: string | null, text: string): void {
    const key = id ?? NEW_CHAT
    delete this.drafts[key]
    if (text !== '') this.drafts[key] = text.slice(0, MAX_CHARS)
    // Oldest first in insertion order: drop the oldest beyond the cap.
    const keys = Object.keys(this.drafts)
    for (const k of keys.slice(0, Math.max(0, keys.length - MAX_DRAFTS))) delete this.drafts[k]
    try {
      this.storage?.setItem(KEY, JSON.stringify(this.drafts))
    } catch {
      // Storage full or unavailable: the draft still lives in memory for this session.
    }
  }
}
