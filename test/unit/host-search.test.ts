// `conversations.search` in main: titles and message text, newest first, with a snippet; the
// index re-reads only conversations that changed.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { HistoryStore } from '../../main/core/history/store'
import { SearchIndex } from '../../main/host/search'
import { importCodexSignIn } from '../../main/host/codex-import'
import { EnvSecrets, type SecretsService } from '../../main/host/secrets'
import { userMessage } from '@shared/wire/items'

function seed() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-'))
  const store = new HistoryStore(dir)
  const add = (question: string, answer: string) => {
    const id = randomUUID()
    store.create(id, 'openai', 'gpt-5.2')
    store.appendItem(id, 't', userMessage(question))
    store.appendItem(id, 't', {
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_text', text: answer }],
    })
    return id
  }
  const lisbon = add('Trip to Lisbon', 'Walk through Alfama.')
  const regex = add(
    'Fix my regex',
    'Use a "non-greedy" quantifier like .*? here, then test it with a few inputs to be sure.',
  )
  store.close()
  return { dir, lisbon, regex }
}

describe('conversation search (main)', () => {
  it('finds titles and text case-insensitively, with a snippet for text matches', () => {
    const { dir, lisbon, regex } = seed()
    const index = new SearchIndex()
    const search = (q: string, d = dir) => index.search(d, q)
    expect(search('lisbon')).toEqual([expect.objectContaining({ id: lisbon, in: 'title', snippet: null })])
    const [hit] = search('NON-GREEDY')
    expect(hit).toMatchObject({ id: regex, in: 'text', title: 'Fix my regex' })
    expect(hit!.snippet).toContain('"non-greedy" quantifier')
    // Quotes are escaped in the JSONL; the index holds the message text itself.
    expect(search('"non-greedy"')).toHaveLength(1)
    expect(search('alfama')[0]!.id).toBe(lisbon)
    expect(search('zebra')).toEqual([])
    expect(search('   ')).toEqual([])
    expect(search('x', path.join(dir, 'missing'))).toEqual([])
  })

  it('re-reads only what changed, and forgets deleted conversations', () => {
    const { dir, lisbon, regex } = seed()
    const index = new SearchIndex()
    expect(index.search(dir, 'walk')).toHaveLength(1)
    expect(index.lastReads).toBe(2)
    expect(index.search(dir, 'quantifier')).toHaveLength(1)
    expect(index.lastReads).toBe(0)

    // A new answer in one conversation: that file alone is read again, and the new text is found.
    const store = new HistoryStore(dir)
    store.appendItem(lisbon, 't2', {
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'Then take tram 28 up the hill.' }],
    })
    store.close()
    expect(index.search(dir, 'TRAM 28')).toEqual([expect.objectContaining({ id: lisbon, in: 'text' })])
    expect(index.lastReads).toBe(1)

    fs.rmSync(path.join(dir, 'conversations', `${regex}.jsonl`))
    expect(index.search(dir, 'quantifier')).toEqual([])
    expect(index.lastReads).toBe(0)

    // Another data folder: its own conversations only, read afresh; coming back reads again.
    const other = seed()
    expect(index.search(other.dir, 'walk').map((h) => h.id)).toEqual([other.lisbon])
    expect(index.lastReads).toBe(2)
    expect(index.search(dir, 'walk').map((h) => h.id)).toEqual([lisbon])
    expect(index.lastReads).toBe(1)
  })
})

describe('codex sign-in import', () => {
  it('copies auth.json tokens into the secret store, and explains when it cannot', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'codex-'))
    const stored = new Map<string, string | null>()
    const secrets = {
      view: () => ({}) as never,
      get: (id: string) => stored.get(id) ?? null,
      put: (id: string, v: string | null) => (stored.set(id, v), {} as never),
    } as unknown as SecretsService
    expect(await importCodexSignIn(secrets, home)).toMatchObject({
      ok: false,
      message: expect.stringContaining('codex login'),
    })
    fs.writeFileSync(
      path.join(home, 'auth.json'),
      JSON.stringify({ tokens: { access_token: 'acc', refresh_token: 'ref', account_id: 'acct-1234' } }),
    )
    expect(await importCodexSignIn(secrets, home)).toEqual({
      ok: true,
      message: 'Imported the ChatGPT sign-in of account …1234.',
    })
    expect(JSON.parse(stored.get('chatgpt_tokens')!)).toEqual({
      accessToken: 'acc',
      refreshToken: 'ref',
      accountId: 'acct-1234',
    })
    // The browser host stores nothing and says so.
    const r = await importCodexSignIn(new EnvSecrets(null), home)
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('does not store secrets') })
  })
})
