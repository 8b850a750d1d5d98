// The conversation tree from history records (issue 13): old straight files, torn lines, branch
// and leaf records, and compactions that apply only on the branch they were made on.
import { describe, it, expect } from 'vitest'
import { parseHistory } from '../../main/core/history/store'
import { deepestLeaf, projectPath } from '../../main/core/history/tree'
import { rebuildModelInput } from '../../main/core/compaction/rebuild'

const at = '2026-11-30T10:00:00.000Z'
const meta = { kind: 'meta', version: 1, id: 'c', createdAt: at, provider: 'openai', model: 'm' }
const msg = (role: 'user' | 'assistant', text: string) => ({
  type: 'message',
  role,
  content: [{ type: role === 'user' ? 'input_text' : 'output_text', text }],
})
const item = (turnId: string, role: 'user' | 'assistant', text: string) => ({
  kind: 'item',
  turnId,
  at,
  item: msg(role, text),
})
const turn = (turnId: string, role: 'user' | 'assistant' = 'user', q = turnId) => [
  item(turnId, role, `Q${q}`),
  item(turnId, 'assistant', `A${q}`),
]
const branch = (turnId: string, parent: string | null) => ({ kind: 'branch', turnId, parent, at })
const leaf = (turnId: string | null) => ({ kind: 'leaf', turnId, at })
const compaction = (replacesItems: number, text: string, extra: object = {}) => ({
  kind: 'compaction',
  id: `k${replacesItems}`,
  at,
  reason: 'manual',
  mode: 'local',
  replacesItems,
  replacement: [msg('user', text)],
  tokensBefore: 100,
  tokensAfter: 10,
  itemsDropped: 0,
  ...extra,
})
const parse = (recs: object[], tail = '') =>
  parseHistory('c', recs.map((r) => JSON.stringify(r)).join('\n') + '\n' + tail, at)
const texts = (c: { items: { item: unknown }[] }) =>
  c.items.map((r) => (r.item as { content: { text: string }[] }).content[0]!.text)

describe('conversation tree', () => {
  it('an old straight file (no branch records) loads as one branch; a torn last line is skipped', () => {
    const full = parse([meta, ...turn('1'), ...turn('2'), ...turn('3')], '{"kind":"item","tu')
    expect(full.skipped).toHaveLength(1)
    const p = projectPath(full.conversation, full.tree)
    expect(texts(p)).toEqual(['Q1', 'A1', 'Q2', 'A2', 'Q3', 'A3'])
    expect(p.branches).toEqual({ leaf: '3', siblings: {} })
    expect(full.tree.roots).toEqual(['1'])
  })

  it('branch records make siblings; the leaf record picks the path; a later turn hangs under the leaf', () => {
    const recs = [
      meta,
      branch('1', null),
      ...turn('1'),
      branch('2', '1'),
      ...turn('2'),
      branch('2b', '1'),
      ...turn('2b'),
      leaf('2'),
      ...turn('3'), // no branch record: under the current leaf (2)
    ]
    const full = parse(recs)
    expect(full.tree.nodes.get('3')!.parent).toBe('2')
    const p = projectPath(full.conversation, full.tree)
    expect(texts(p)).toEqual(['Q1', 'A1', 'Q2', 'A2', 'Q3', 'A3'])
    expect(p.branches!.siblings).toEqual({ '2': ['2', '2b'] })
    expect(texts(projectPath(full.conversation, full.tree, '2b'))).toEqual(['Q1', 'A1', 'Q2b', 'A2b'])
    expect(deepestLeaf(full.tree, '2')).toBe('3')
    expect(deepestLeaf(full.tree, '1')).toBe('2b')
  })

  it('a leaf record naming an unknown turn is ignored; null means before the first turn', () => {
    const full = parse([meta, ...turn('1'), leaf('nope')])
    expect(full.tree.leaf).toBe('1')
    const none = parse([meta, ...turn('1'), leaf(null)])
    expect(texts(projectPath(none.conversation, none.tree))).toEqual([])
  })

  it('compactions apply per branch: only while the path passes through the turn they were made on', () => {
    const recs = [
      meta,
      ...turn('1'),
      ...turn('2'),
      compaction(4, 'SUMMARY old'), // legacy record: made on the straight line at leaf 2
      ...turn('3'),
      branch('2b', '1'),
      ...turn('2b'),
      compaction(4, 'SUMMARY b', { leaf: '2b' }),
      ...turn('4'), // under 2b
    ]
    const full = parse(recs)
    // Current path 1 → 2b → 4: the old compaction (made through 2) does not apply.
    const onB = projectPath(full.conversation, full.tree)
    expect(onB.compactions?.map((c) => c.id)).toEqual(['k4'])
    expect(texts({ items: rebuildModelInput(onB).items.map((item) => ({ item })) })).toEqual([
      'SUMMARY b',
      'Q4',
      'A4',
    ])
    // Path 1 → 2 → 3: the legacy compaction applies, the branch-b one does not.
    const onA = projectPath(full.conversation, full.tree, '3')
    expect(onA.compactions).toHaveLength(1)
    expect(onA.compactions![0]!.replacement).toEqual([msg('user', 'SUMMARY old')])
    expect(texts({ items: rebuildModelInput(onA).items.map((item) => ({ item })) })).toEqual([
      'SUMMARY old',
      'Q3',
      'A3',
    ])
  })
})
