// `conversations.search` in main: titles and message text, newest first, with a snippet; files
// that cannot match are skipped before parsing.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { HistoryStore } from '../../main/core/history/store'
import { searchConversations } from '../../main/host/search'
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
    expect(searchConversations(dir, 'lisbon')).toEqual([
      expect.objectContaining({ id: lisbon, in: 'title', snippet: null }),
    ])
    const [hit] = searchConversations(dir, 'NON-GREEDY')
    expect(hit).toMatchObject({ id: regex, in: 'text', title: 'Fix my regex' })
    expect(hit!.snippet).toContain('"non-greedy" quantifier')
    // Quotes are escaped in the JSONL: the raw pre-check must still find them.
    expect(searchConversations(dir, '"non-greedy"')).toHaveLength(1)
    expect(searchConversations(dir, 'alfama')[0]!.id).toBe(lisbon)
    expect(searchConversations(dir, 'zebra')).toEqual([])
    expect(searchConversations(path.join(dir, 'missing'), 'x')).toEqual([])
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
