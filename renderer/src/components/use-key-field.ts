// A key field's state and its save/remove, shared by the OpenAI key (ProviderSection) and the
// custom server's key (CustomKeyField): the same secrets.set call, consent flag and error path.
import { useState } from 'react'
import type { SecretName, SettingsView } from '@shared/bridge'
import { bridge } from '../bridge'

export function useKeyField(
  name: SecretName,
  settings: SettingsView['settings'],
  onView: (v: SettingsView) => void,
  onError: (message: string | null) => void,
) {
  const [key, setKey] = useState('')
  const [acceptPlain, setAcceptPlain] = useState(false)
  /** Store `value` (null removes the key); the field empties once it is stored. */
  const saveKey = (value: string | null) =>
    bridge.query('secrets.set', { name, value, acceptPlaintext: acceptPlain }).then(
      (s) => {
        setKey('')
        onError(null)
        onView({ settings, secrets: s })
      },
      (e: Error) => onError(e.message),
    )
  return { key, setKey, acceptPlain, setAcceptPlain, saveKey }
}
