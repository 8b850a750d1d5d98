// Tokens from the codex CLI's `$CODEX_HOME/auth.json` (default `~/.codex/auth.json`), for people
// who already signed in there. Writes keep every other field and the file's 0600 mode.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import type { ChatGptTokens, TokenStore } from './chatgpt'

const AuthFile = z.looseObject({
  tokens: z
    .looseObject({
      id_token: z.string().optional().nullable(),
      access_token: z.string(),
      refresh_token: z.string(),
      account_id: z.string().optional().nullable(),
    })
    .optional()
    .nullable(),
})

export function codexHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.CODEX_HOME ?? path.join(os.homedir(), '.codex')
}

export class CodexAuthFile implements TokenStore {
  readonly file: string

  constructor(home: string = codexHome()) {
    this.file = path.join(home, 'auth.json')
  }

  async load(): Promise<ChatGptTokens | null> {
    let raw: unknown
    try {
      raw = JSON.parse(await fs.promises.readFile(this.file, 'utf8'))
    } catch {
      return null
    }
    const r = AuthFile.safeParse(raw)
    const t = r.success ? r.data.tokens : null
    if (!t || !t.account_id) return null
    return {
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      accountId: t.account_id,
      ...(t.id_token ? { idToken: t.id_token } : {}),
    }
  }

  async save(tokens: ChatGptTokens): Promise<void> {
    let current: Record<string, unknown> = {}
    try {
      current = JSON.parse(await fs.promises.readFile(this.file, 'utf8')) as Record<string, unknown>
    } catch {
      // a new file
    }
    const prevTokens = (current.tokens ?? {}) as Record<string, unknown>
    const next = {
      ...current,
      tokens: {
        ...prevTokens,
        access_token: tokens.accessToken,
        refresh_token: tokens.refreshToken,
        account_id: tokens.accountId,
        ...(tokens.idToken ? { id_token: tokens.idToken } : {}),
      },
      last_refresh: new Date().toISOString(),
    }
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 })
    const tmp = `${this.file}.${process.pid}.tmp`
    await fs.promises.writeFile(tmp, JSON.stringify(next, null, 2), { mode: 0o600 })
    await fs.promises.rename(tmp, this.file)
  }
}
