// Build a Provider from host settings: one place that knows each provider's defaults.
import type { Agent } from 'node:http'
import { ChatGptAuth, type TokenStore } from './auth/chatgpt'
import {
  CHATGPT_BASE_URL,
  OPENAI_BASE_URL,
  apiKeyAuth,
  noAuth,
  type Provider,
  type ProviderId,
} from './provider'
import type { Logger } from './log'

export interface ProviderSettings {
  id: ProviderId
  baseUrl?: string | undefined
  apiKey?: string | undefined
  /** ChatGPT tokens (provider `chatgpt`). */
  tokenStore?: TokenStore | undefined
  refreshUrl?: string | undefined
  /** Custom providers rarely speak the Responses WebSocket protocol; opt in explicitly. */
  websockets?: boolean | undefined
  agent?: ((url: URL) => Agent | undefined) | undefined
  logger?: Logger | undefined
}

export class ProviderConfigError extends Error {}

export function makeProvider(s: ProviderSettings): Provider {
  const base =
    s.baseUrl?.trim() || (s.id === 'openai' ? OPENAI_BASE_URL : s.id === 'chatgpt' ? CHATGPT_BASE_URL : '')
  if (!base) throw new ProviderConfigError('a custom provider needs a base URL')
  let url: URL
  try {
    url = new URL(base)
  } catch {
    throw new ProviderConfigError(`invalid base URL "${base}"`)
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    throw new ProviderConfigError(`unsupported base URL scheme "${url.protocol}"`)
  }
  const common = { baseUrl: base, ...(s.agent ? { agent: s.agent } : {}) }
  switch (s.id) {
    case 'openai':
      if (!s.apiKey) throw new ProviderConfigError('OPENAI_API_KEY is not set')
      return {
        id: 'openai',
        name: 'OpenAI',
        supportsWebsockets: s.websockets ?? true,
        auth: apiKeyAuth(s.apiKey),
        ...common,
      }
    case 'chatgpt':
      if (!s.tokenStore) throw new ProviderConfigError('ChatGPT sign-in needs a token store')
      return {
        id: 'chatgpt',
        name: 'OpenAI',
        supportsWebsockets: s.websockets ?? true,
        auth: new ChatGptAuth(s.tokenStore, {
          ...(s.refreshUrl ? { refreshUrl: s.refreshUrl } : {}),
          ...(s.logger ? { logger: s.logger } : {}),
        }),
        ...common,
      }
    case 'custom':
      return {
        id: 'custom',
        name: 'custom',
        supportsWebsockets: s.websockets ?? false,
        auth: s.apiKey ? apiKeyAuth(s.apiKey) : noAuth,
        ...common,
      }
  }
}
