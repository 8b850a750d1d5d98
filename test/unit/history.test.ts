import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { HistoryStore } from '../../main/core/history/store'
import { userMessage, assistantMessage } from '@shared/wire/items'

let dir: string
let store: HistoryStore
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hist-'))
  store = new HistoryStore(dir)
})
afterEach(() => {
  store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('HistoryStore', () => {
  it('appends items and turns as JSON lines and loads them back', () => {
    const id = randomUUID()
    store.create(id, 'openai', 'gpt-5.2')
    store.appendItem(id, 't1', userMessage('How do I sort a list?'))
    store.appendItem(id, 't1', assistantMessage('Use sorted().', 'final_answer'))
    store.appendTurn(id, {
      turnId: 't1',
      status: 'completed',
      model: 'gpt-5.2',
      serverModel: null,
      responseId: 'r1',
      usage: null,
    })
    const lines = fs
      .readFileSync(path.join(dir, 'conversations', `${id}.jsonl`), 'utf8')
      .trim()
      .split('\n')
    expect(lines).toHaveLength(4)
    const loaded = store.load(id)!
    expect(loaded.skipped).toEqual([])
    expect(loaded.conversation.items.map((r) => r.item)).toEqual([
      userMessage('How do I sort a list?'),
      assistantMessage('Use sorted().', 'final_answer'),
    ])
    expect(loaded.conversation.summary).toMatchObject({
      id,
      title: 'How do I sort a list?',
      model: 'gpt-5.2',
      turns: 1,
    })
  })

  it('skips a torn last line after a crash and keeps everything before it', () => {
    const id = randomUUID()
    store.create(id, 'openai', 'gpt-5.2')
    store.appendItem(id, 't1', userMessage('first'))
    store.close()
    const file = path.join(dir, 'conversations', `${id}.jsonl`)
    fs.appendFileSync(file, '{"kind":"item","turnId":"t1","at":"2026')
    const reopened = new HistoryStore(dir)
    const loaded = reopened.load(id)!
    expect(loaded.skipped).toHaveLength(1)
    expect(loaded.skipped[0]!.line).toBe(3)
    expect(loaded.conversation.items).toHaveLength(1)
    // Appending after a torn line starts a fresh line instead of gluing onto the fragment.
    reopened.appendItem(id, 't2', userMessage('second'))
    const again = reopened.load(id)!
    expect(again.conversation.items.map((r) => r.item)).toEqual([userMessage('first'), userMessage('second')])
    reopened.close()
  })

  it('lists newest first, renames, and deletes', async () => {
    const a = randomUUID()
    const b = randomUUID()
    store.create(a, 'openai', 'm')
    store.appendItem(a, 't', userMessage('older'))
    await new Promise((r) => setTimeout(r, 5))
    store.create(b, 'openai', 'm')
    store.appendItem(b, 't', userMessage('newer'))
    expect(store.list().map((c) => c.title)).toEqual(['newer', 'older'])
    // Times are in milliseconds: a rename in the same one as the last append would tie.
    await new Promise((r) => setTimeout(r, 5))
    expect(store.rename(a, 'Renamed')).toBe(true)
    expect(store.list().map((c) => c.title)).toEqual(['Renamed', 'newer'])
    expect(store.delete(a)).toBe(true)
    expect(store.list().map((c) => c.id)).toEqual([b])
    expect(store.delete(a)).toBe(false)
    expect(store.rename(a, 'x')).toBe(false)
  })

  it('does not use a reroute warning as the title and rejects path-like ids', () => {
    const id = randomUUID()
    store.create(id, 'openai', 'm')
    store.appendItem(id, 't', userMessage('Warning: Your account was flagged ...'))
    store.appendItem(id, 't', userMessage('real question'))
    expect(store.load(id)!.conversation.summary.title).toBe('real question')
    expect(() => store.exists('../../etc/passwd')).toThrow(/invalid conversation id/)
  })

  it('writes files readable only by the owner', () => {
    const id = randomUUID()
    store.create(id, 'openai', 'm')
    const mode = fs.statSync(path.join(dir, 'conversations', `${id}.jsonl`)).mode & 0o777
    expect(mode).toBe(0o600)
  })
})
