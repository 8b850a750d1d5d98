// Secrets as hosts expose them: the page can see whether a key is set and set or delete it, never
// read it back. The Electron app implements this with safeStorage (main/app/secret-store.ts); the
// browser host takes the API key from the environment only and writes nothing to disk (a custom
// provider's key, entered in the page, lives in memory for the host's run).
import type { SecretName, SecretsView } from '@shared/bridge'
import { ChatGptTokens, type TokenStore } from '../core/auth/chatgpt'

/** Everything main may keep; the page may only set the `SecretName` subset. */
export type SecretId = SecretName | 'chatgpt_tokens' | 'mcp_secrets'

export interface SecretsService {
  view(): SecretsView
  /** Main-only: the value, or null. */
  get(id: SecretId): string | null
  /** Store or delete (null). Throws a plain-words error when the policy refuses. */
  put(id: SecretId, value: string | null, opts?: { acceptPlaintext?: boolean }): SecretsView
}

/**
 * Browser host: OPENAI_API_KEY from the environment, nothing persisted. The only secret a page may
 * set is the custom provider's key (already bound to its server by the caller), kept in memory.
 */
export class EnvSecrets implements SecretsService {
  private customKey: string | null = null

  constructor(
    private readonly apiKey: string | null,
    private readonly source: 'env' | 'demo' = 'env',
  ) {}

  view(): SecretsView {
    return {
      storage: {
        encryption: 'not_applicable',
        backend: 'environment',
        plaintextAllowed: false,
        message:
          this.source === 'demo'
            ? 'Demo mode: the emulator needs no key.'
            : 'In the browser host the API key comes from the OPENAI_API_KEY environment variable and is never stored.',
      },
      openaiApiKey: { set: this.apiKey !== null, source: this.apiKey === null ? 'none' : this.source },
      chatgpt: { set: false },
    }
  }

  get(id: SecretId): string | null {
    return id === 'openai_api_key' ? this.apiKey : id === 'custom_api_key' ? this.customKey : null
  }

  put(id: SecretId, value: string | null): SecretsView {
    if (id === 'custom_api_key') {
      this.customKey = value
      return this.view()
    }
    throw new Error(
      'The browser host does not store secrets. Set OPENAI_API_KEY in the environment and restart it, or use the desktop app.',
    )
  }
}

/** ChatGPT tokens kept in a SecretsService (the engine's TokenStore interface). */
export function secretTokenStore(secrets: SecretsService): TokenStore {
  return {
    async load() {
      const raw = secrets.get('chatgpt_tokens')
      if (!raw) return null
      try {
        const parsed = ChatGptTokens.safeParse(JSON.parse(raw))
        return parsed.success ? parsed.data : null
      } catch {
        return null
      }
    },
    async save(tokens) {
      secrets.put('chatgpt_tokens', JSON.stringify(tokens))
    },
  }
}
