// A conversation is a tree of turns (issue 13). The file stays append-only: a `branch` record names
// a turn's parent, a `leaf` record moves the current leaf. A turn with no `branch` record (every turn
// of an older, straight file) hangs under the leaf current at that point of the file, so old files
// load as a single branch. What the model and the window see is the path root→current leaf.
import type { CompactionRecord, Conversation, HistoryRecord } from '@shared/history'

export interface TreeNode {
  turnId: string
  parent: string | null
  children: string[]
}

export interface ConversationTree {
  nodes: Map<string, TreeNode>
  roots: string[]
  leaf: string | null
  /** Per compaction record (file order): the turn it was computed on. */
  compactionLeaves: (string | null)[]
}

/** Builds the tree while records are read in file order. */
export class TreeBuilder {
  readonly tree: ConversationTree = { nodes: new Map(), roots: [], leaf: null, compactionLeaves: [] }

  /** Feed every readable record, in file order. */
  add(rec: HistoryRecord): void {
    switch (rec.kind) {
      case 'branch':
        this.node(rec.turnId, rec.parent)
        return
      case 'leaf':
        if (rec.turnId === null || this.tree.nodes.has(rec.turnId)) this.tree.leaf = rec.turnId
        return
      case 'item':
      case 'turn':
        this.node(rec.turnId, this.tree.leaf)
        return
      case 'compaction':
        this.tree.compactionLeaves.push(rec.leaf === undefined ? this.tree.leaf : rec.leaf)
        return
      default:
        return
    }
  }

  private node(turnId: string, parent: string | null): void {
    const t = this.tree
    if (t.nodes.has(turnId)) return
    const p = parent !== null && t.nodes.has(parent) ? parent : null
    t.nodes.set(turnId, { turnId, parent: p, children: [] })
    if (p === null) t.roots.push(turnId)
    else t.nodes.get(p)!.children.push(turnId)
    t.leaf = turnId
  }
}

/** Turn ids from the root to `leaf`. */
export function pathTo(tree: ConversationTree, leaf: string | null): string[] {
  const out: string[] = []
  for (let id = leaf; id !== null;) {
    const n = tree.nodes.get(id)
    if (!n) break
    out.push(id)
    id = n.parent
  }
  return out.reverse()
}

/** The last leaf under `turnId`, following the newest child at each step. */
export function deepestLeaf(tree: ConversationTree, turnId: string): string {
  let id = turnId
  for (;;) {
    const last = tree.nodes.get(id)?.children.at(-1)
    if (last === undefined) return id
    id = last
  }
}

export function siblingsOf(tree: ConversationTree, turnId: string): string[] {
  const n = tree.nodes.get(turnId)
  if (!n) return []
  return n.parent === null ? tree.roots : (tree.nodes.get(n.parent)?.children ?? [])
}

/**
 * The conversation as seen on the path to `leaf` (default: the current leaf): its items and turns,
 * and the compactions made on this path (their `replacesItems` then count path items).
 */
export function projectPath(
  full: Conversation,
  tree: ConversationTree,
  leaf: string | null = tree.leaf,
): Conversation {
  const path = pathTo(tree, leaf)
  const on = new Set(path)
  const items = full.items.filter((r) => on.has(r.turnId))
  const turns = full.turns.filter((r) => on.has(r.turnId))
  const compactions: CompactionRecord[] = []
  ;(full.compactions ?? []).forEach((c, i) => {
    const at = tree.compactionLeaves[i] ?? null
    if (at === null || on.has(at)) compactions.push(c)
  })
  const siblings: Record<string, string[]> = {}
  for (const id of path) {
    const s = siblingsOf(tree, id)
    if (s.length > 1) siblings[id] = s.slice()
  }
  // Conversation-wide fields (instructions, …) carry over; only the per-branch ones are projected.
  const out: Conversation = {
    ...full,
    summary: { ...full.summary, turns: turns.length },
    items,
    turns,
    branches: { leaf: path.at(-1) ?? null, siblings },
  }
  if (compactions.length > 0) out.compactions = compactions
  else delete out.compactions
  return out
}
