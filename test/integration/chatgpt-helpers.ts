// ChatGPT-backend fixtures: an in-memory token store and a harness on the codex base.
import type { ChatGptTokens, TokenStore } from '../../main/core/auth/chatgpt'
import { harness, type Harness } from './harness'
import type { Emulator, EmulatorOptions } from '../emulator/index'
import type { SessionOptions } from '../../main/core/session'

export class MemoryTokens implements TokenStore {
  saved: ChatGptTokens[] = []
  constructor(public tokens: ChatGptTokens | null) {}
  async load() {
    return this.tokens
  }
  async save(t: ChatGptTokens) {
    this.tokens = t
    this.saved.push(t)
  }
}

export const TOKENS: ChatGptTokens = {
  accessToken: 'chatgpt-access-1',
  refreshToken: 'refresh-1',
  accountId: 'acct-1',
}

export async function chatgptHarness(
  opts: {
    store?: MemoryTokens
    session?: Partial<SessionOptions>
    emulator?: EmulatorOptions
    emu?: Emulator
    websockets?: boolean
  } = {},
): Promise<Harness & { store: MemoryTokens }> {
  const store = opts.store ?? new MemoryTokens({ ...TOKENS })
  const h = await harness({
    ...(opts.emu ? { emu: opts.emu } : {}),
    ...(opts.emulator ? { emulator: opts.emulator } : {}),
    session: opts.session ?? {},
    provider: (emu) => ({
      id: 'chatgpt',
      baseUrl: emu.codexBase,
      tokenStore: store,
      refreshUrl: `${emu.url}/oauth/token`,
      websockets: opts.websockets ?? false,
    }),
  })
  return Object.assign(h, { store })
}
