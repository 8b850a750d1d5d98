// `conversations.search`: titles and message text, searched in main so the page never has to load
// every conversation. An in-memory index keeps each history file's searchable text (user and
// assistant messages, lower-cased beside the original for snippets) keyed by its size and mtime:
// typing a query re-reads only the conversations that changed since the last keystroke.
import fs from 'node:fs'
import path from 'node:path'
import type { SearchHit } from '@shared/bridge'
import { parseHistory } from '../core/history/store'
import { messageText } from '@shared/wire/items'

const ID_FILE = /^[0-9a-f-]{36}\.jsonl$/i
const SNIPPET_CHARS = 140
export const MAX_HITS = 50

interface Entry {
  size: number
  mtimeMs: number
  id: string
  title: string
  titleLower: string
  updatedAt: string
  /** Message texts in order, and the same lower-cased (what queries are matched against). */
  texts: string[]
  lower: string[]
}

function snippetAround(text: string, at: number, len: number): string {
  const flat = (s: string) => s.replace(/\s+/g, ' ')
  const start = Math.max(0, at - 50)
  const end = Math.min(text.length, at + len + SNIPPET_CHARS - 50)
  return `${start > 0 ? '…' : ''}${flat(text.slice(start, end)).trim()}${end < text.length ? '…' : ''}`
}

export class SearchIndex {
  private readonly entries = new Map<string, Entry>()
  /** The folder the entries belong to: another data dir (settings changed) starts afresh. */
  private dir: string | null = null
  /** Files (re)read by the last search: what the index saved is the rest. */
  lastReads = 0

  /** Newest first, at most `limit` conversations whose title or message text contains `query`. */
  search(dataDir: string, query: string, limit = MAX_HITS): SearchHit[] {
    const needle = query.trim().toLowerCase()
    this.lastReads = 0
    if (!needle) return []
    const hits: SearchHit[] = []
    for (const e of this.refresh(path.join(dataDir, 'conversations'))) {
      const base = { id: e.id, title: e.title, updatedAt: e.updatedAt }
      if (e.titleLower.includes(needle)) {
        hits.push({ ...base, in: 'title', snippet: null })
        continue
      }
      for (let i = 0; i < e.lower.length; i++) {
        const at = e.lower[i]!.indexOf(needle)
        if (at < 0) continue
        hits.push({ ...base, in: 'text', snippet: snippetAround(e.texts[i]!, at, needle.length) })
        break
      }
    }
    hits.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
    return hits.slice(0, limit)
  }

  /** Every conversation in `dir`, re-reading only files whose size or mtime changed. */
  private refresh(dir: string): Entry[] {
    let names: string[]
    try {
      // eslint-disable-next-line security/detect-non-literal-fs-filename -- the engine's own history folder
      names = fs.readdirSync(dir).filter((n) => ID_FILE.test(n))
    } catch {
      return []
    }
    if (dir !== this.dir) {
      this.entries.clear()
      this.dir = dir
    }
    const out: Entry[] = []
    const present = new Set<string>()
    for (const name of names) {
      const file = path.join(dir, name)
      present.add(file)
      let st: fs.Stats
      try {
        // eslint-disable-next-line security/detect-non-literal-fs-filename -- a history file listed above
        st = fs.statSync(file)
      } catch {
        continue
      }
      const cached = this.entries.get(file)
      if (cached && cached.size === st.size && cached.mtimeMs === st.mtimeMs) {
        out.push(cached)
        continue
      }
      const entry = this.read(file, name.slice(0, -6), st)
      if (entry) {
        this.entries.set(file, entry)
        out.push(entry)
      }
    }
    // Deleted conversations leave the index.
    for (const file of this.entries.keys()) if (!present.has(file)) this.entries.delete(file)
    return out
  }

  private read(file: string, id: string, st: fs.Stats): Entry | null {
    let text: string
    try {
      // eslint-disable-next-line security/detect-non-literal-fs-filename -- a history file listed above
      text = fs.readFileSync(file, 'utf8')
    } catch {
      return null
    }
    this.lastReads++
    const { conversation } = parseHistory(id, text, st.mtime.toISOString())
    const texts: string[] = []
    for (const rec of conversation.items) {
      if (rec.item.type !== 'message' || (rec.item.role !== 'user' && rec.item.role !== 'assistant')) continue
      texts.push(messageText(rec.item))
    }
    const { summary } = conversation
    return {
      size: st.size,
      mtimeMs: st.mtimeMs,
      id: summary.id,
      title: summary.title,
      titleLower: summary.title.toLowerCase(),
      updatedAt: summary.updatedAt,
      texts,
      lower: texts.map((t) => t.toLowerCase()),
    }
  }
}
