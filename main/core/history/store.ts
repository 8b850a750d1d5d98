// Conversation history: append-only JSONL, one file per conversation, fsync'd at item
// boundaries, so a crash mid-stream leaves every completed item readable.
import fs from 'node:fs'
import path from 'node:path'
import {
  HISTORY_VERSION,
  HistoryRecord,
  type CompactionRecord,
  type Conversation,
  type ConversationSummary,
  type ItemRecord,
  type TurnRecord,
} from '@shared/history'
import { messageText, type ResponseItem } from '@shared/wire/items'
import type { ToolRecordMeta } from '@shared/tools'
import { FileHandles } from './handles'
import { TreeBuilder, pathTo, projectPath, type ConversationTree } from './tree'

const ID = /^[0-9a-f-]{36}$/i
const TITLE_CHARS = 80

export interface LoadResult {
  conversation: Conversation
  /** Lines that could not be read (a torn last line after a crash, or corruption). */
  skipped: { line: number; reason: string }[]
}

/** Every record of the file (all branches) and the tree they form. */
export interface FullLoad extends LoadResult {
  tree: ConversationTree
}

/** What the store tracks of a conversation's tree between appends. */
interface LeafState {
  leaf: string | null
  known: Set<string>
}

export class HistoryStore {
  private readonly dir: string
  private readonly handles = new FileHandles()
  /** Item records per conversation file, once known (compaction records count them). */
  private readonly itemCounts = new Map<string, number>()
  /** Current leaf per conversation, once known (a new turn's parent). */
  private readonly leaves = new Map<string, LeafState>()

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'conversations')
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 })
  }

  private file(id: string): string {
    if (!ID.test(id)) throw new Error(`invalid conversation id: ${id}`)
    return path.join(this.dir, `${id}.jsonl`)
  }

  /** The conversation's file (its attachments are found in it on delete). */
  path(id: string): string {
    return this.file(id)
  }

  get dirPath(): string {
    return this.dir
  }

  exists(id: string): boolean {
    return fs.existsSync(this.file(id))
  }

  create(id: string, provider: string, model: string): void {
    this.append(id, {
      kind: 'meta',
      version: HISTORY_VERSION,
      id,
      createdAt: new Date().toISOString(),
      provider,
      model,
    })
  }

  appendItem(id: string, turnId: string, item: ResponseItem, partial = false, tool?: ToolRecordMeta): void {
    const rec: ItemRecord = { kind: 'item', turnId, at: new Date().toISOString(), item }
    if (partial) rec.partial = true
    if (tool) rec.tool = tool
    this.append(id, rec)
    const n = this.itemCounts.get(id)
    if (n !== undefined) this.itemCounts.set(id, n + 1)
    // A turn with no `branch` record (a voice transcript) hangs under the leaf, as on load.
    const st = this.leaves.get(id)
    if (st && !st.known.has(turnId)) {
      st.known.add(turnId)
      st.leaf = turnId
    }
  }

  private leafState(id: string): LeafState {
    let st = this.leaves.get(id)
    if (!st) {
      const full = this.loadFull(id)
      st = { leaf: full?.tree.leaf ?? null, known: new Set(full?.tree.nodes.keys() ?? []) }
      this.leaves.set(id, st)
    }
    return st
  }

  /** A turn starts under the current leaf and becomes the leaf. */
  beginTurn(id: string, turnId: string): void {
    const st = this.leafState(id)
    this.append(id, { kind: 'branch', turnId, parent: st.leaf, at: new Date().toISOString() })
    st.known.add(turnId)
    st.leaf = turnId
  }

  /** Moves the current leaf (null: before the first turn, where an edit of the first message starts). */
  setLeaf(id: string, turnId: string | null): void {
    const st = this.leafState(id)
    this.append(id, { kind: 'leaf', turnId, at: new Date().toISOString() })
    st.leaf = turnId
  }

  /** What a compaction made now covers: the items on the current path, and that path's leaf. */
  compactionScope(id: string): { replacesItems: number; leaf: string | null } {
    const full = this.loadFull(id)
    if (!full) return { replacesItems: 0, leaf: null }
    const on = new Set(pathTo(full.tree, full.tree.leaf))
    const replacesItems = full.conversation.items.filter((r) => on.has(r.turnId)).length
    return { replacesItems, leaf: full.tree.leaf }
  }

  appendCompaction(id: string, rec: Omit<CompactionRecord, 'kind' | 'at'>): void {
    this.append(id, { kind: 'compaction', at: new Date().toISOString(), ...rec })
  }

  /** How many item records the conversation's file holds (read once, then counted). */
  itemCount(id: string): number {
    const known = this.itemCounts.get(id)
    if (known !== undefined) return known
    return this.load(id)?.conversation.items.length ?? 0
  }

  appendTurn(id: string, rec: Omit<TurnRecord, 'kind' | 'at'>): void {
    this.append(id, { kind: 'turn', at: new Date().toISOString(), ...rec })
  }

  /** The conversation's instructions from now on ('' = back to the default). */
  setInstructions(id: string, instructions: string): void {
    this.append(id, { kind: 'instructions', instructions, at: new Date().toISOString() })
  }

  rename(id: string, title: string): boolean {
    if (!this.exists(id)) return false
    this.append(id, { kind: 'title', title: title.slice(0, 200), at: new Date().toISOString() })
    return true
  }

  /** One line per record; a write that fails is thrown, never swallowed. */
  private append(id: string, rec: HistoryRecord): void {
    const line = JSON.stringify(rec) + '\n'
    const fd = this.handles.get(id, () => {
      const file = this.file(id)
      // A torn last line (crash mid-write) must not glue onto the next record.
      const needsNewline = fs.existsSync(file) && lastByte(file) !== 0x0a && fs.statSync(file).size > 0
      const opened = fs.openSync(file, 'a', 0o600)
      try {
        if (needsNewline) fs.writeSync(opened, '\n')
      } catch (e) {
        fs.closeSync(opened)
        throw e
      }
      return opened
    })
    fs.writeSync(fd, line)
    fs.fsyncSync(fd)
  }

  /** Every readable record of the file, in order (a torn or corrupt line is left out). */
  records(id: string): HistoryRecord[] | null {
    let text: string
    try {
      text = fs.readFileSync(this.file(id), 'utf8')
    } catch {
      return null
    }
    const out: HistoryRecord[] = []
    for (const line of text.split('\n')) {
      if (!line) continue
      try {
        const r = HistoryRecord.safeParse(JSON.parse(line))
        if (r.success) out.push(r.data)
      } catch {
        // Skipped, as on load.
      }
    }
    return out
  }

  /** A new conversation file from records (an import or a restore); never over an existing one. */
  writeRecords(id: string, records: HistoryRecord[]): void {
    const file = this.file(id)
    const body = records.map((r) => JSON.stringify(r) + '\n').join('')
    // 'wx': fails if the file exists, so an import never overwrites a conversation.
    fs.writeFileSync(file, body, { flag: 'wx', mode: 0o600 })
  }

  /** The current path of the conversation (what the window and the model see). */
  load(id: string): LoadResult | null {
    const full = this.loadFull(id)
    if (!full) return null
    return { conversation: projectPath(full.conversation, full.tree), skipped: full.skipped }
  }

  /** Every branch: all records and the tree (export of the whole tree, branch operations). */
  loadFull(id: string): FullLoad | null {
    let text: string
    try {
      text = fs.readFileSync(this.file(id), 'utf8')
    } catch {
      return null
    }
    const result = parseHistory(id, text, fs.statSync(this.file(id)).mtime.toISOString())
    this.itemCounts.set(id, result.conversation.items.length)
    return result
  }

  list(): ConversationSummary[] {
    const out: ConversationSummary[] = []
    for (const name of fs.readdirSync(this.dir)) {
      if (!name.endsWith('.jsonl')) continue
      const id = name.slice(0, -6)
      if (!ID.test(id)) continue
      const loaded = this.load(id)
      if (loaded) out.push(loaded.conversation.summary)
    }
    return out.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
  }

  delete(id: string): boolean {
    this.closeOne(id)
    try {
      fs.unlinkSync(this.file(id))
      return true
    } catch {
      return false
    }
  }

  /** Close this conversation's file, if open (an evicted or deleted conversation). */
  closeOne(id: string): void {
    this.itemCounts.delete(id)
    this.leaves.delete(id)
    this.handles.close(id)
  }

  close(): void {
    this.handles.closeAll()
  }
}

function lastByte(file: string): number {
  const fd = fs.openSync(file, 'r')
  try {
    const size = fs.fstatSync(fd).size
    if (size === 0) return 0x0a
    const b = Buffer.alloc(1)
    fs.readSync(fd, b, 0, 1, size - 1)
    return b[0] ?? 0x0a
  } finally {
    fs.closeSync(fd)
  }
}

export function parseHistory(id: string, text: string, mtime: string): FullLoad {
  const items: ItemRecord[] = []
  const turns: TurnRecord[] = []
  const compactions: CompactionRecord[] = []
  const skipped: LoadResult['skipped'] = []
  const tree = new TreeBuilder()
  let createdAt = mtime
  let updatedAt = ''
  let model = ''
  let provider = ''
  let title: string | null = null
  let instructions: string | undefined
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (!line) continue
    let rec: HistoryRecord
    try {
      const r = HistoryRecord.safeParse(JSON.parse(line))
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? 'invalid record')
      rec = r.data
    } catch (e) {
      skipped.push({ line: i + 1, reason: (e as Error).message })
      continue
    }
    tree.add(rec)
    switch (rec.kind) {
      case 'meta':
        createdAt = rec.createdAt
        model = rec.model
        provider = rec.provider
        break
      case 'title':
        title = rec.title
        updatedAt = rec.at
        break
      case 'item':
        items.push(rec)
        updatedAt = rec.at
        if (title === null && rec.item.type === 'message' && rec.item.role === 'user') {
          // A message of attachments alone: its first file's name, or "Image".
          const file = rec.item.content.find((p) => p.type === 'input_file')
          const image = rec.item.content.some((p) => p.type === 'input_image')
          const t =
            messageText(rec.item).replace(/\s+/g, ' ').trim() || file?.filename || (image ? 'Image' : '')
          if (t && !t.startsWith('Warning: ')) title = t.slice(0, TITLE_CHARS)
        }
        break
      case 'turn':
        turns.push(rec)
        updatedAt = rec.at
        model = rec.model
        break
      case 'instructions':
        instructions = rec.instructions
        break
      case 'compaction':
        compactions.push(rec)
        break
      default:
        break
    }
  }
  const summary: ConversationSummary = {
    id,
    title: title || 'New conversation',
    createdAt,
    updatedAt: updatedAt || createdAt,
    model,
    provider,
    turns: turns.length,
  }
  const conversation: Conversation = { summary, items, turns }
  if (instructions !== undefined) conversation.instructions = instructions
  if (compactions.length > 0) conversation.compactions = compactions
  return { conversation, skipped, tree: tree.tree }
}
