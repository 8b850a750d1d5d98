// The custom provider's own key. It is kept for the server it was entered for: after the base URL
// moves to another server, that server gets no key until one is entered for it.
import type { SettingsView } from '@shared/bridge'
import { useKeyField } from './use-key-field'

interface Props {
  view: SettingsView
  desktop: boolean
  onView: (v: SettingsView) => void
  onError: (message: string | null) => void
}

export function CustomKeyField({ view, desktop, onView, onError }: Props) {
  const { settings, secrets } = view
  const { key, setKey, acceptPlain, setAcceptPlain, saveKey } = useKeyField(
    'custom_api_key',
    settings,
    onView,
    onError,
  )
  const custom = secrets.customApiKey ?? { set: false, origin: null }
  const needsConsent =
    desktop && (secrets.storage.encryption === 'unavailable' || secrets.storage.encryption === 'weak')
  const hasUrl = settings.provider.kind === 'custom' && settings.provider.baseUrl !== ''

  const status = custom.set
    ? `A key is set for ${custom.origin}.`
    : custom.origin
      ? `The stored key is for ${custom.origin}; this server has none. Enter one for it.`
      : 'No key for this server (servers that need none can be used as they are).'

  return (
    <div className="field">
      <span className="field-label">Key for this server</span>
      <p className="hint" data-testid="custom-key-status">
        {status}
        {desktop
          ? ' It is sent only to this server, never the OpenAI key.'
          : ' The browser host keeps it in memory until it stops, and never writes it.'}
      </p>
      <div className="row">
        <input
          type="password"
          aria-label="Custom provider key"
          placeholder={hasUrl ? 'key for this server' : 'enter the base URL first'}
          value={key}
          disabled={!hasUrl}
          autoComplete="off"
          onChange={(e) => setKey(e.target.value)}
        />
        <button
          type="button"
          className="btn"
          disabled={!hasUrl || !key.trim() || (needsConsent && !acceptPlain)}
          onClick={() => void saveKey(key.trim())}
        >
          Save key
        </button>
        {custom.origin && (
          <button type="button" className="btn" onClick={() => void saveKey(null)}>
            Remove
          </button>
        )}
      </div>
      {needsConsent && (
        <label className="check">
          <input type="checkbox" checked={acceptPlain} onChange={(e) => setAcceptPlain(e.target.checked)} />
          Store the key unencrypted on this computer anyway
        </label>
      )}
    </div>
  )
}
