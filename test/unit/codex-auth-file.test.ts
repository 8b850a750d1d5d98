import { describe, it, expect, afterEach } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CodexAuthFile, codexHome } from '../../main/core/auth/codex-auth-file'

let dir: string
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('codex auth.json token store', () => {
  it('reads the tokens the codex CLI wrote and keeps every other field when saving', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codex-home-'))
    const file = path.join(dir, 'auth.json')
    fs.writeFileSync(
      file,
      JSON.stringify({
        OPENAI_API_KEY: null,
        tokens: { id_token: 'idt', access_token: 'at-1', refresh_token: 'rt-1', account_id: 'acct-9' },
        last_refresh: '2026-01-01T00:00:00Z',
      }),
      { mode: 0o600 },
    )
    const store = new CodexAuthFile(dir)
    expect(await store.load()).toEqual({
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      accountId: 'acct-9',
      idToken: 'idt',
    })
    await store.save({ accessToken: 'at-2', refreshToken: 'rt-2', accountId: 'acct-9' })
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'))
    expect(saved.OPENAI_API_KEY).toBeNull()
    expect(saved.tokens).toEqual({
      id_token: 'idt',
      access_token: 'at-2',
      refresh_token: 'rt-2',
      account_id: 'acct-9',
    })
    expect(Date.parse(saved.last_refresh)).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'))
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
  })

  it('returns null for a missing, unreadable or token-less file, and honours CODEX_HOME', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codex-home-'))
    expect(await new CodexAuthFile(dir).load()).toBeNull()
    fs.writeFileSync(path.join(dir, 'auth.json'), '{not json')
    expect(await new CodexAuthFile(dir).load()).toBeNull()
    fs.writeFileSync(path.join(dir, 'auth.json'), JSON.stringify({ OPENAI_API_KEY: 'sk-x', tokens: null }))
    expect(await new CodexAuthFile(dir).load()).toBeNull()
    expect(codexHome({ CODEX_HOME: '/x/y' })).toBe('/x/y')
    expect(codexHome({})).toBe(path.join(os.homedir(), '.codex'))
  })
})
