// The per-conversation limits of issue 11 (finding 3): idle conversations release their socket and
// history file, the least recently used leave memory, running ones are never touched; history
// files stay open only through a small LRU and torn lines are still healed on reopen.
import { afterEach, describe, expect, it, vi } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { ConversationCache } from '../../main/core/limits/conversation-cache'
import { FileHandles } from '../../main/core/history/handles'
import { HistoryStore } from '../../main/core/history/store'
import { userMessage } from '@shared/wire/items'

afterEach(() => vi.useRealTimers())

type Conv = { running: object | null }

describe('ConversationCache', () => {
  it('evicts the least recently used idle conversation, never a running one', () => {
    const released: string[] = []
    const cache = new ConversationCache<Conv>({ maxIdle: 2, release: (id) => released.push(id) })
    const running: Conv = { running: {} }
    cache.set('a', running)
    cache.set('b', { running: null })
    cache.set('c', { running: null })
    cache.busy('b') // b is now the most recent
    cache.set('d', { running: null }) // three idle: c goes (a runs, b was used)
    expect(released).toEqual(['c'])
    expect([...cache.keys()].sort()).toEqual(['a', 'b', 'd'])
    running.running = null
    cache.idle('a') // a finishes: three idle again, the oldest idle (a) goes
    expect(released).toEqual(['c', 'a'])
    cache.clear()
  })

  it('releases an idle conversation socket after the idle time, and not while a turn runs', () => {
    vi.useFakeTimers()
    const released: string[] = []
    const cache = new ConversationCache<Conv>({ socketIdleMs: 1000, release: (id) => released.push(id) })
    const conv: Conv = { running: null }
    cache.set('x', conv)
    cache.idle('x')
    vi.advanceTimersByTime(999)
    expect(released).toEqual([])
    conv.running = {}
    cache.busy('x') // a new turn cancels the clock
    vi.advanceTimersByTime(5000)
    expect(released).toEqual([])
    conv.running = null
    cache.idle('x')
    vi.advanceTimersByTime(1000)
    expect(released).toEqual(['x'])
    expect(cache.get('x')).toBe(conv) // still in memory: only the socket and file went
  })
})

describe('history file handles', () => {
  it('keeps at most N files open and reopens (healing a torn line) on demand', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handles-'))
    const opened: string[] = []
    const handles = new FileHandles(2)
    const open = (k: string) => () => {
      opened.push(k)
      return fs.openSync(path.join(dir, k), 'a')
    }
    handles.get('a', open('a'))
    handles.get('b', open('b'))
    handles.get('a', open('a')) // reused
    handles.get('c', open('c')) // b closes
    expect(handles.size).toBe(2)
    handles.get('b', open('b'))
    expect(opened).toEqual(['a', 'b', 'c', 'b'])
    handles.closeAll()
    expect(handles.size).toBe(0)

    const store = new HistoryStore(dir)
    const ids = Array.from({ length: 40 }, () => randomUUID())
    for (const id of ids) store.create(id, 'openai', 'm')
    // A crash tore the first file's last line while its handle was closed.
    fs.appendFileSync(path.join(dir, 'conversations', `${ids[0]}.jsonl`), '{"kind":"item","tu')
    for (const id of ids) store.appendItem(id, 't1', userMessage(`hi ${id}`))
    store.close()
    for (const id of ids) {
      const loaded = store.load(id)!
      expect(loaded.conversation.items.map((r) => r.item)).toEqual([userMessage(`hi ${id}`)])
    }
    expect(store.load(ids[0]!)!.skipped).toHaveLength(1)
  })
})

describe('ConversationCache evicted callback', () => {
  it('the idle socket release does not evict; leaving memory does', () => {
    vi.useFakeTimers()
    try {
      const released: string[] = []
      const evicted: string[] = []
      const cache = new ConversationCache<Conv>({
        maxIdle: 1,
        socketIdleMs: 1000,
        release: (id) => released.push(id),
        evicted: (id) => evicted.push(id),
      })
      cache.set('x', { running: null })
      cache.idle('x')
      vi.advanceTimersByTime(1000)
      expect(released).toEqual(['x'])
      expect(evicted).toEqual([])
      expect(cache.get('x')).toBeDefined()
      cache.set('y', { running: null })
      expect(evicted).toEqual(['x'])
    } finally {
      vi.useRealTimers()
    }
  })
})
