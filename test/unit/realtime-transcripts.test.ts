// Voice transcripts into history: conversation order, late user transcripts, truncation, duplicates.
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { HistoryStore } from '../../main/core/history/store'
import { TranscriptRecorder, heardPart } from '../../main/core/realtime/transcripts'
import type { ResponseItem } from '@shared/wire/items'

let dir: string
let store: HistoryStore
let id: string
let seen: ResponseItem[]
let rec: TranscriptRecorder
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-hist-'))
  store = new HistoryStore(dir)
  id = randomUUID()
  seen = []
  rec = new TranscriptRecorder({
    store,
    conversationId: id,
    provider: 'openai',
    model: 'gpt-5.2',
    servedBy: 'gpt-realtime',
    onItem: (_c, i) => seen.push(i),
  })
})
afterEach(() => {
  store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const items = () =>
  store
    .load(id)
    ?.conversation.items.map((r) => [
      (r.item as any).role,
      (r.item as any).content[0].text,
      r.partial ?? false,
    ]) ?? []

describe('TranscriptRecorder', () => {
  it('keeps conversation order when the user transcript arrives after the answer', () => {
    rec.userItem('u1')
    rec.assistantDelta('a1', 'r1', 'Hel')
    rec.assistantDone('a1', 'r1', 'Hello.')
    expect(items()).toEqual([]) // the user's words are not known yet
    rec.userDone('u1', 'hi')
    expect(items()).toEqual([['user', 'hi', false]]) // the answer waits: a barge-in could still cut it
    rec.userText('next')
    expect(items()).toEqual([
      ['user', 'hi', false],
      ['assistant', 'Hello.', false],
      ['user', 'next', false],
    ])
    rec.finish()
    const conv = store.load(id)!.conversation
    expect(conv.turns.map((t) => [t.status, t.responseId, t.model, t.serverModel])).toEqual([
      ['completed', 'r1', 'gpt-5.2', 'gpt-realtime'],
      ['interrupted', null, 'gpt-5.2', 'gpt-realtime'], // the last message got no answer
    ])
    expect(seen).toHaveLength(3)
    expect(conv.summary).toMatchObject({ title: 'hi', model: 'gpt-5.2', provider: 'openai' })
  })

  it('cuts a truncated answer to the heard share and marks it partial', () => {
    rec.userText('tell me a story')
    rec.assistantAudio('a1', 24_000, 24_000) // one second received
    rec.assistantDone('a1', 'r1', 'Once upon a time there was a fox')
    rec.truncated('a1', 250)
    rec.finish()
    expect(items()).toEqual([
      ['user', 'tell me a story', false],
      ['assistant', 'Once', true],
    ])
    expect(store.load(id)!.conversation.turns[0]?.status).toBe('interrupted')
  })

  it('writes an unfinished answer as partial when the conversation ends, and never twice', () => {
    rec.userText('q')
    rec.assistantDelta('a1', undefined, 'Half an ans')
    rec.finish()
    rec.assistantDone('a1', undefined, 'Half an answer.') // late: already written
    rec.finish()
    expect(items()).toEqual([
      ['user', 'q', false],
      ['assistant', 'Half an ans', true],
    ])
  })

  it('writes nothing, not even a file, for a silent session; a failed transcription does not block', () => {
    rec.finish()
    expect(store.exists(id)).toBe(false)
    rec.userItem('u1')
    rec.assistantDone('a1', undefined, 'Did you say something?')
    rec.userFailed('u1')
    rec.userText('yes')
    expect(items()).toEqual([
      ['assistant', 'Did you say something?', false],
      ['user', 'yes', false],
    ])
  })

  it('heardPart ends on a word boundary and keeps everything when all was played', () => {
    expect(heardPart('one two three four', 500, 1000)).toBe('one two')
    expect(heardPart('one two', 1000, 1000)).toBe('one two')
    expect(heardPart('one two', 10, 0)).toBe('one two')
    expect(heardPart('abcdef', 500, 1000)).toBe('abc')
  })
})
