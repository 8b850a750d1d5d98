// ChatGPT sign-in for the codex backend: access token + account id on every request; an expired
// access token is refreshed once with the refresh token; a failed refresh asks to sign in again.
import { z } from 'zod'
import { unaryRequest } from '../http-get'
import { ModelError } from '../responses/errors'
import type { AuthSource } from '../provider'
import type { Logger } from '../log'

export const DEFAULT_REFRESH_URL = 'https://auth.openai.com/oauth/token'
/** The public client id of the codex CLI's OAuth app, which issued tokens in auth.json. */
export const CODEX_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann'

export const ChatGptTokens = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  accountId: z.string().min(1),
  idToken: z.string().optional(),
})
export type ChatGptTokens = z.infer<typeof ChatGptTokens>

/** Where tokens live: the app's secret store (safeStorage) or the codex CLI's auth.json. */
export interface TokenStore {
  load(): Promise<ChatGptTokens | null>
  save(tokens: ChatGptTokens): Promise<void>
}

const RefreshResponse = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  id_token: z.string().optional(),
})

export const SIGN_IN_AGAIN = 'Your ChatGPT sign-in has expired and could not be renewed. Sign in again.'

export class ChatGptAuth implements AuthSource {
  readonly kind = 'chatgpt' as const
  private tokens: ChatGptTokens | null = null
  private refreshing: Promise<boolean> | null = null

  constructor(
    private readonly store: TokenStore,
    private readonly opts: { refreshUrl?: string; clientId?: string; logger?: Logger } = {},
  ) {}

  private async current(): Promise<ChatGptTokens> {
    this.tokens ??= await this.store.load()
    if (!this.tokens) {
      throw new ModelError(
        'Not signed in to ChatGPT. Sign in, or use an API key.',
        'missing_credentials',
        false,
      )
    }
    return this.tokens
  }

  async headers(): Promise<Record<string, string>> {
    const t = await this.current()
    return { Authorization: `Bearer ${t.accessToken}`, 'ChatGPT-Account-ID': t.accountId }
  }

  /** Refresh once; concurrent callers share the same attempt. Throws when it fails. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null))
    return this.refreshing
  }

  private async doRefresh(): Promise<boolean> {
    const t = await this.current()
    let res
    try {
      res = await unaryRequest(
        this.opts.refreshUrl ?? process.env.CODEX_REFRESH_TOKEN_URL_OVERRIDE ?? DEFAULT_REFRESH_URL,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            client_id: this.opts.clientId ?? CODEX_CLIENT_ID,
            grant_type: 'refresh_token',
            refresh_token: t.refreshToken,
            scope: 'openid profile email',
          }),
        },
      )
    } catch (e) {
      throw new ModelError(
        `Could not renew the ChatGPT sign-in: ${(e as Error).message}`,
        'unauthorized',
        false,
      )
    }
    const parsed = res.status === 200 ? RefreshResponse.safeParse(safeJson(res.body)) : null
    if (!parsed?.success) {
      this.opts.logger?.log('warn', 'ChatGPT token refresh failed', { status: res.status })
      throw new ModelError(SIGN_IN_AGAIN, 'unauthorized', false, { httpStatus: res.status })
    }
    const next: ChatGptTokens = {
      accessToken: parsed.data.access_token,
      refreshToken: parsed.data.refresh_token ?? t.refreshToken,
      accountId: t.accountId,
      ...(parsed.data.id_token ? { idToken: parsed.data.id_token } : t.idToken ? { idToken: t.idToken } : {}),
    }
    this.tokens = next
    await this.store.save(next)
    this.opts.logger?.log('info', 'ChatGPT access token refreshed')
    return true
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
