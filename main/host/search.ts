// `conversations.search`: titles and message text, searched in main so the page never has to load
// every conversation. Files are read one at a time; a cheap case-insensitive test on the raw JSONL
// skips the ones that cannot match before any JSON is parsed.
import fs from 'node:fs'
import path from 'node:path'
import type { SearchHit } from '@shared/bridge'
import { parseHistory } from '../core/history/store'
import { messageText } from '@shared/wire/items'

const ID_FILE = /^[0-9a-f-]{36}\.jsonl$/i
const SNIPPET_CHARS = 140
export const MAX_HITS = 50

/** The needle as it appears inside a JSON string (quotes, backslashes and controls are escaped). */
function jsonEscaped(s: string): string {
  return JSON.stringify(s).slice(1, -1)
}

function snippetAround(text: string, at: number, len: number): string {
  const flat = (s: string) => s.replace(/\s+/g, ' ')
  const start = Math.max(0, at - 50)
  const end = Math.min(text.length, at + len + SNIPPET_CHARS - 50)
  return `${start > 0 ? '…' : ''}${flat(text.slice(start, end)).trim()}${end < text.length ? '…' : ''}`
}

/** Newest first, at most `limit` conversations whose title or message text contains `query`. */
export function searchConversations(dataDir: string, query: string, limit = MAX_HITS): SearchHit[] {
  const needle = query.trim().toLowerCase()
  if (!needle) return []
  const raw = jsonEscaped(needle)
  const dir = path.join(dataDir, 'conversations')
  let names: string[]
  try {
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- the engine's own history folder
    names = fs.readdirSync(dir).filter((n) => ID_FILE.test(n))
  } catch {
    return []
  }
  const hits: SearchHit[] = []
  for (const name of names) {
    const file = path.join(dir, name)
    let text: string
    try {
      // eslint-disable-next-line security/detect-non-literal-fs-filename -- a history file listed above
      text = fs.readFileSync(file, 'utf8')
    } catch {
      continue
    }
    if (!text.toLowerCase().includes(raw)) continue
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- same file
    const mtime = fs.statSync(file).mtime.toISOString()
    const { conversation } = parseHistory(name.slice(0, -6), text, mtime)
    const { summary } = conversation
    if (summary.title.toLowerCase().includes(needle)) {
      hits.push({
        id: summary.id,
        title: summary.title,
        updatedAt: summary.updatedAt,
        in: 'title',
        snippet: null,
      })
      continue
    }
    for (const rec of conversation.items) {
      if (rec.item.type !== 'message' || (rec.item.role !== 'user' && rec.item.role !== 'assistant')) continue
      const body = messageText(rec.item)
      const at = body.toLowerCase().indexOf(needle)
      if (at < 0) continue
      hits.push({
        id: summary.id,
        title: summary.title,
        updatedAt: summary.updatedAt,
        in: 'text',
        snippet: snippetAround(body, at, needle.length),
      })
      break
    }
  }
  hits.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
  return hits.slice(0, limit)
}
