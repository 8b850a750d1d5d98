// Whether a secret may be stored, and how. Encrypted with the OS keyring through safeStorage when
// there is a real one; where there is none (no keyring, or Linux's `basic_text` fallback, which
// only obfuscates with a fixed password) nothing is stored unless the user explicitly accepted
// plaintext, and the UI says so.

export type Encryption = 'available' | 'unavailable' | 'weak'

export interface StorageAssessment {
  encryption: Encryption
  backend: string
  /** What to tell the user; null when all is well. */
  message: string | null
}

export function assessSecretStorage(
  encryptionAvailable: boolean,
  linuxBackend: string | null,
  platform: NodeJS.Platform,
): StorageAssessment {
  const backend =
    platform === 'linux' ? (linuxBackend ?? 'unknown') : platform === 'darwin' ? 'keychain' : 'dpapi'
  if (!encryptionAvailable)
    return {
      encryption: 'unavailable',
      backend,
      message:
        'This system has no keyring the app can use, so keys cannot be stored encrypted. ' +
        'Install and unlock a keyring (GNOME Keyring, KWallet), or accept storing the key unencrypted.',
    }
  if (platform === 'linux' && (linuxBackend === 'basic_text' || linuxBackend === 'unknown'))
    return {
      encryption: 'weak',
      backend,
      message:
        'No desktop keyring was found (Electron fell back to "basic_text", which is not real encryption). ' +
        'Keys are not stored unless you accept storing them unencrypted.',
    }
  return { encryption: 'available', backend, message: null }
}

export type WriteDecision = 'encrypt' | 'plaintext' | 'refuse'

export function decideSecretWrite(assessment: StorageAssessment, plaintextAccepted: boolean): WriteDecision {
  if (assessment.encryption === 'available') return 'encrypt'
  return plaintextAccepted ? 'plaintext' : 'refuse'
}
