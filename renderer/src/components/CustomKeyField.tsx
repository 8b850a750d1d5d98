// The custom provider's own key. It is kept for the server it was entered for: after the base URL
// moves to another server, that server gets no key until one is entered for it.
import type { SettingsView } from '@shared/bridge'
import { useKeyField } from './use-key-field'
import { useT } from '../i18n/use-t'

interface Props {
  view: SettingsView
  desktop: boolean
  onView: (v: SettingsView) => void
  onError: (message: string | null) => void
}

export function CustomKeyField({ view, desktop, onView, onError }: Props) {
  const t = useT()
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
    ? t('provider.customKeySet', { origin: custom.origin })
    : custom.origin
      ? t('provider.customKeyOther', { origin: custom.origin })
      : t('provider.customKeyNone')

  return (
    <div className="field">
      <span className="field-label">{t('provider.customKeyLabel')}</span>
      <p className="hint" data-testid="custom-key-status">
        {status}
        {desktop ? t('provider.customKeyDesktop') : t('provider.customKeyBrowser')}
      </p>
      <div className="row">
        <input
          type="password"
          aria-label={t('provider.customKeyAria')}
          placeholder={hasUrl ? t('provider.customKeyPlaceholder') : t('provider.customKeyNoUrl')}
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
          {t('provider.saveKey')}
        </button>
        {custom.origin && (
          <button type="button" className="btn" onClick={() => void saveKey(null)}>
            {t('provider.remove')}
          </button>
        )}
      </div>
      {needsConsent && (
        <label className="check">
          <input type="checkbox" checked={acceptPlain} onChange={(e) => setAcceptPlain(e.target.checked)} />
          {t('provider.storePlain')}
        </label>
      )}
    </div>
  )
}
