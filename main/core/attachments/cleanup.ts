// Deleting a conversation deletes the attachments no other conversation refers to. References are
// found in the JSONL text itself (`attachment:<sha256>`), so nothing else has to be kept in step.
import fs from 'node:fs'
import path from 'node:path'
import type { AttachmentStore } from './store'

const REF = /attachment:([0-9a-f]{64})/g

export function idsInText(text: string): Set<string> {
  const out = new Set<string>()
  for (const m of text.matchAll(REF)) out.add(m[1]!)
  return out
}

/** The attachments a conversation file refers to (empty when it cannot be read). */
export function idsInFile(file: string): Set<string> {
  try {
    return idsInText(fs.readFileSync(file, 'utf8'))
  } catch {
    return new Set()
  }
}

/** Remove each candidate that no conversation in `conversationsDir` still refers to. */
export function removeUnreferenced(
  store: AttachmentStore,
  conversationsDir: string,
  candidates: Set<string>,
): string[] {
  if (candidates.size === 0) return []
  const left = new Set(candidates)
  for (const name of fs.readdirSync(conversationsDir)) {
    if (!name.endsWith('.jsonl') || left.size === 0) continue
    const text = fs.readFileSync(path.join(conversationsDir, name), 'utf8')
    for (const id of [...left]) if (text.includes(id)) left.delete(id)
  }
  for (const id of left) store.remove(id)
  return [...left]
}
