// Authentication: OpenAI API keys on /v1/*, ChatGPT access tokens (+ account id) on
// /backend-api/codex/*, and the ChatGPT-style refresh-token rotation of POST /oauth/token.
import { timingSafeEqual } from 'node:crypto'
import { apiError, type ApiErrorBody } from './errors'
import type { ChatgptAuthOptions } from './types'

export type AuthScheme = 'api-key' | 'chatgpt'

export type AuthResult = { ok: true } | { ok: false; status: number; body: unknown }

export interface TokenReply {
  status: number
  body: unknown
}

type Headers = Record<string, string | string[] | undefined>

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name]
  return Array.isArray(v) ? v[0] : v
}

function bearer(headers: Headers): string | undefined {
  const value = header(headers, 'authorization')
  if (value === undefined) return undefined
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value)
  return m?.[1]
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

function deny(body: ApiErrorBody): AuthResult {
  return { ok: false, status: 401, body }
}

export class AuthState {
  private readonly apiKey: string
  private readonly accountId: string
  private refreshToken: string
  private readonly validAccessTokens = new Set<string>()
  private readonly expired = new Set<string>()
  private generation = 1

  constructor(apiKey: string, chatgpt: ChatgptAuthOptions) {
    this.apiKey = apiKey
    this.accountId = chatgpt.accountId
    this.refreshToken = chatgpt.refreshToken
    this.validAccessTokens.add(chatgpt.accessToken)
    for (const t of chatgpt.expiredAccessTokens ?? []) this.expired.add(t)
  }

  expire(token: string): void {
    this.expired.add(token)
  }

  check(scheme: AuthScheme, headers: Headers): AuthResult {
    return scheme === 'api-key' ? this.checkApiKey(headers) : this.checkChatgpt(headers)
  }

  private checkApiKey(headers: Headers): AuthResult {
    const presented = bearer(headers)
    if (presented === undefined) {
      return deny(
        apiError(
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          'missing_api_key',
        ),
      )
    }
    if (!sameSecret(presented, this.apiKey)) {
      const shown = presented.length > 8 ? `${presented.slice(0, 3)}*****${presented.slice(-4)}` : '*****'
      return deny(apiError(`Incorrect API key provided: ${shown}.`, 'invalid_api_key'))
    }
    return { ok: true }
  }

  private checkChatgpt(headers: Headers): AuthResult {
    const presented = bearer(headers)
    if (presented === undefined) {
      return deny(
        apiError('Missing bearer access token in the Authorization header.', 'missing_authorization'),
      )
    }
    if (this.expired.has(presented)) {
      return deny(
        apiError('Provided authentication token is expired. Please try signing in again.', 'token_expired'),
      )
    }
    if (!this.validAccessTokens.has(presented)) {
      return deny(apiError('Could not validate the provided access token.', 'invalid_token'))
    }
    const account = header(headers, 'chatgpt-account-id')
    if (account === undefined || account === '') {
      return deny(apiError('Missing ChatGPT-Account-ID header.', 'missing_account_id'))
    }
    if (account !== this.accountId) {
      return deny(apiError(`Account '${account}' does not match the access token.`, 'account_mismatch'))
    }
    return { ok: true }
  }

  /** POST /oauth/token with an already parsed JSON body. */
  refresh(body: unknown): TokenReply {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { status: 400, body: { error: 'invalid_request', error_description: 'Expected a JSON object.' } }
    }
    const b = body as Record<string, unknown>
    if (b.grant_type !== 'refresh_token') {
      return { status: 400, body: { error: 'unsupported_grant_type' } }
    }
    if (typeof b.client_id !== 'string' || b.client_id === '') {
      return { status: 400, body: { error: 'invalid_request', error_description: 'Missing client_id.' } }
    }
    if (typeof b.refresh_token !== 'string' || !sameSecret(b.refresh_token, this.refreshToken)) {
      return { status: 401, body: { error: 'invalid_grant' } }
    }
    this.generation += 1
    const accessToken = `chatgpt-access-${this.generation}`
    this.refreshToken = `refresh-${this.generation}`
    this.validAccessTokens.add(accessToken)
    this.expired.delete(accessToken)
    return {
      status: 200,
      body: {
        access_token: accessToken,
        refresh_token: this.refreshToken,
        id_token: this.idToken(b.client_id),
      },
    }
  }

  /** A JWT (with a fake signature) carrying the claims a ChatGPT client reads. */
  private idToken(clientId: string): string {
    const now = Math.floor(Date.now() / 1000)
    const claims = {
      iss: 'https://auth.openai.com',
      aud: [clientId],
      sub: 'user-emulator',
      email: 'user@example.com',
      email_verified: true,
      iat: now,
      exp: now + 3600,
      'https://api.openai.com/auth': {
        chatgpt_account_id: this.accountId,
        chatgpt_plan_type: 'pro',
        chatgpt_user_id: 'user-emulator',
      },
    }
    return `${b64url({ alg: 'RS256', typ: 'JWT', kid: 'emulator' })}.${b64url(claims)}.${Buffer.from('emulator').toString('base64url')}`
  }
}
