// Secrets in the Electron app: encrypted with safeStorage into their own electron-store file; only
// with the user's explicit consent (no keyring) are they written unencrypted. Values never leave
// main: the page sees only whether a key is set.
import Store from 'electron-store'
import { safeStorage } from 'electron'
import type { SecretsView } from '@shared/bridge'
import type { Logger } from '../core/log'
import type { SecretId, SecretsService } from '../host/secrets'
import type { SettingsService } from '../host/settings-service'
import { assessSecretStorage, decideSecretWrite, type StorageAssessment } from './secret-policy'

interface Entry {
  scheme: 'safeStorage' | 'plaintext'
  /** base64 of the encrypted bytes, or the value itself for `plaintext`. */
  data: string
}
type SecretFile = { entries: Partial<Record<SecretId, Entry>> }

export class SafeSecretStore implements SecretsService {
  private readonly store: Store<SecretFile>
  private readonly envKey: string | null

  constructor(
    private readonly settings: SettingsService,
    private readonly logger: Logger,
    opts: { cwd: string; envApiKey?: string | null },
  ) {
    // 0o600: other users on the machine cannot read even the encrypted blobs.
    this.store = new Store<SecretFile>({
      name: 'secrets',
      cwd: opts.cwd,
      defaults: { entries: {} },
      configFileMode: 0o600,
    })
    this.envKey = opts.envApiKey ?? null
  }

  assessment(): StorageAssessment {
    const linux = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null
    return assessSecretStorage(safeStorage.isEncryptionAvailable(), linux, process.platform)
  }

  view(): SecretsView {
    const a = this.assessment()
    const stored = this.store.get('entries').openai_api_key
    const source = this.envKey
      ? 'env'
      : stored
        ? stored.scheme === 'safeStorage'
          ? 'keychain'
          : 'plaintext'
        : 'none'
    return {
      storage: {
        encryption: a.encryption,
        backend: a.backend,
        plaintextAllowed: this.settings.get().allowPlaintextSecrets,
        message: a.message,
      },
      openaiApiKey: { set: source !== 'none', source },
      chatgpt: { set: this.store.get('entries').chatgpt_tokens !== undefined },
    }
  }

  get(id: SecretId): string | null {
    if (id === 'openai_api_key' && this.envKey) return this.envKey
    const entry = this.store.get('entries')[id]
    if (!entry) return null
    if (entry.scheme === 'plaintext') return entry.data
    try {
      return safeStorage.decryptString(Buffer.from(entry.data, 'base64'))
    } catch (e) {
      // The keyring changed (new login, restored profile): the value is unusable, say so once.
      this.logger.log('warn', 'a stored secret could not be decrypted', {
        secret: id,
        error: (e as Error).message,
      })
      return null
    }
  }

  put(id: SecretId, value: string | null, opts: { acceptPlaintext?: boolean } = {}): SecretsView {
    const entries = { ...this.store.get('entries') }
    if (value === null) {
      delete entries[id]
      this.store.set('entries', entries)
      return this.view()
    }
    const assessment = this.assessment()
    const accepted = opts.acceptPlaintext === true || this.settings.get().allowPlaintextSecrets
    const decision = decideSecretWrite(assessment, accepted)
    if (decision === 'refuse') throw new Error(`Not stored. ${assessment.message ?? ''}`.trim())
    if (decision === 'plaintext') {
      if (!this.settings.get().allowPlaintextSecrets) this.settings.update({ allowPlaintextSecrets: true })
      this.logger.log('warn', 'storing a secret unencrypted, as the user accepted', { secret: id })
      entries[id] = { scheme: 'plaintext', data: value }
    } else {
      entries[id] = { scheme: 'safeStorage', data: safeStorage.encryptString(value).toString('base64') }
    }
    this.store.set('entries', entries)
    return this.view()
  }
}
