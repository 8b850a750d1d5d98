// Secrets go through safeStorage only; with no real keyring nothing is stored unless the user
// explicitly accepted plaintext; the page never gets a value back.
import { beforeEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SafeSecretStore } from '../../main/app/secret-store'
import { assessSecretStorage, decideSecretWrite } from '../../main/app/secret-policy'
import { EnvSecrets, secretTokenStore } from '../../main/host/secrets'
import { SettingsService } from '../../main/host/settings-service'
import { silentLogger } from '../../main/core/log'
import { stub } from '../stubs/electron'
import { MemoryBackend } from './app-fake-engine'

const KEY = 'sk-proj-THIS-IS-THE-SECRET-1234567890'

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-'))
  const settings = new SettingsService(new MemoryBackend(), silentLogger)
  const store = new SafeSecretStore(settings, silentLogger, { cwd: dir })
  const everything = () =>
    fs
      .readdirSync(dir)
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n')
  return { dir, settings, store, everything }
}

describe('secret storage', () => {
  beforeEach(() => stub.reset())

  it('encrypts with safeStorage; the plaintext never reaches the disk or the page', () => {
    const { store, everything } = setup()
    const view = store.put('openai_api_key', KEY)
    expect(view.openaiApiKey).toEqual({ set: true, source: 'keychain' })
    expect(JSON.stringify(view)).not.toContain(KEY)
    expect(everything()).not.toContain(KEY)
    expect(everything()).toContain('"scheme": "safeStorage"')
    expect(store.get('openai_api_key')).toBe(KEY)
    store.put('openai_api_key', null)
    expect(store.get('openai_api_key')).toBeNull()
    expect(store.view().openaiApiKey).toEqual({ set: false, source: 'none' })
  })

  it.each([
    ['no keyring at all', false, 'gnome_libsecret', 'unavailable'],
    ['the basic_text fallback', true, 'basic_text', 'weak'],
  ])('with %s, stores nothing and says why', (_name, available, backend, encryption) => {
    stub.safeStorage.available = available
    stub.safeStorage.backend = backend
    const { store, everything } = setup()
    expect(store.view().storage).toMatchObject({
      encryption,
      plaintextAllowed: false,
      message: expect.stringMatching(/keyring/),
    })
    expect(() => store.put('openai_api_key', KEY)).toThrow(/^Not stored\. .*keyring/)
    expect(everything()).not.toContain(KEY)
    expect(store.get('openai_api_key')).toBeNull()
  })

  it('stores plaintext only after the user explicitly accepted it, and remembers the consent', () => {
    stub.safeStorage.available = false
    const { store, settings, everything } = setup()
    store.put('openai_api_key', KEY, { acceptPlaintext: true })
    expect(settings.get().allowPlaintextSecrets).toBe(true)
    expect(everything()).toContain(KEY)
    expect(store.view().openaiApiKey).toEqual({ set: true, source: 'plaintext' })
    expect(store.get('openai_api_key')).toBe(KEY)
  })

  it('keeps ChatGPT tokens in the same encrypted store', async () => {
    const { store, everything } = setup()
    const tokens = secretTokenStore(store)
    expect(await tokens.load()).toBeNull()
    await tokens.save({
      accessToken: 'eyJaccess-token-value',
      refreshToken: 'refresh-token-value',
      accountId: 'acct',
    })
    expect(await tokens.load()).toEqual({
      accessToken: 'eyJaccess-token-value',
      refreshToken: 'refresh-token-value',
      accountId: 'acct',
    })
    expect(everything()).not.toContain('refresh-token-value')
  })

  it('the policy: real keyrings encrypt, everything else refuses without consent', () => {
    expect(assessSecretStorage(true, null, 'darwin')).toEqual({
      encryption: 'available',
      backend: 'keychain',
      message: null,
    })
    expect(assessSecretStorage(true, 'kwallet6', 'linux').encryption).toBe('available')
    expect(decideSecretWrite(assessSecretStorage(true, 'basic_text', 'linux'), false)).toBe('refuse')
    expect(decideSecretWrite(assessSecretStorage(false, null, 'win32'), true)).toBe('plaintext')
    expect(decideSecretWrite(assessSecretStorage(true, null, 'win32'), true)).toBe('encrypt')
  })

  it('the browser host takes the key from the environment and refuses to store one', () => {
    const env = new EnvSecrets('sk-env')
    expect(env.view().openaiApiKey).toEqual({ set: true, source: 'env' })
    expect(() => env.put('openai_api_key', 'sk-page')).toThrow(/does not store secrets/)
    expect(JSON.stringify(env.view())).not.toContain('sk-env')
    expect(new EnvSecrets(null).view().openaiApiKey).toEqual({ set: false, source: 'none' })
  })
})
