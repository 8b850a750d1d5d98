// Provider choice, shared by Settings and first-run onboarding: an OpenAI API key, ChatGPT
// sign-in (imported from an existing codex CLI sign-in; a browser OAuth flow is not offered), or
// a custom OpenAI-compatible base URL. Says plainly when the host has no secret store.
import { useState } from 'react'
import type { Capabilities, SettingsPatch, SettingsView } from '@shared/bridge'
import { bridge } from '../bridge'
import { CustomKeyField } from './CustomKeyField'
import { useKeyField } from './use-key-field'
import { useT, useTRich } from '../i18n/use-t'

interface Props {
  view: SettingsView
  caps: Capabilities
  save: (patch: SettingsPatch) => Promise<void>
  onView: (v: SettingsView) => void
  onError: (message: string | null) => void
}

const KINDS = [
  { kind: 'openai', label: 'provider.openai', hint: 'provider.openaiHint' },
  { kind: 'chatgpt', label: 'provider.chatgpt', hint: 'provider.chatgptHint' },
  { kind: 'custom', label: 'provider.custom', hint: 'provider.customHint' },
] as const

export function ProviderSection({ view, caps, save, onView, onError }: Props) {
  const t = useT()
  const rich = useTRich()
  const { settings, secrets } = view
  // Custom needs a URL before it can be saved: pick it locally until one is given.
  const [picked, setPicked] = useState<'custom' | null>(null)
  const kind = picked ?? settings.provider.kind
  const desktop = caps.host === 'electron'
  const { key, setKey, acceptPlain, setAcceptPlain, saveKey } = useKeyField(
    'openai_api_key',
    settings,
    onView,
    onError,
  )
  const [importMsg, setImportMsg] = useState<{ ok: boolean; message: string } | null>(null)
  const needsConsent = secrets.storage.encryption === 'unavailable' || secrets.storage.encryption === 'weak'

  const importCodex = () =>
    bridge
      .query('auth.importCodex', {})
      .then(setImportMsg, (e: Error) => setImportMsg({ ok: false, message: e.message }))

  return (
    <fieldset className="group provider">
      <legend>{t('provider.legend')}</legend>
      <div className="choices" role="radiogroup" aria-label={t('provider.legend')}>
        {KINDS.map((k) => (
          <label key={k.kind} className={`choice${kind === k.kind ? ' on' : ''}`}>
            <input
              type="radio"
              name="provider"
              value={k.kind}
              checked={kind === k.kind}
              onChange={() => {
                if (k.kind === 'custom' && !settings.provider.baseUrl) return setPicked('custom')
                setPicked(null)
                void save({ provider: { kind: k.kind } })
              }}
            />
            <span className="choice-label">{t(k.label)}</span>
            <span className="choice-hint">{t(k.hint)}</span>
          </label>
        ))}
      </div>

      {kind === 'openai' && (
        <div className="field">
          <p className="hint" data-testid="key-status">
            {secrets.openaiApiKey.set
              ? t('provider.keySet', { source: secrets.openaiApiKey.source })
              : t('provider.noKey')}
            {secrets.storage.message ? ` ${secrets.storage.message}` : ''}
          </p>
          {desktop ? (
            <>
              <div className="row">
                <input
                  type="password"
                  aria-label={t('provider.apiKey')}
                  placeholder="sk-…"
                  value={key}
                  autoComplete="off"
                  onChange={(e) => setKey(e.target.value)}
                />
                <button
                  type="button"
                  className="btn"
                  disabled={!key.trim() || (needsConsent && !acceptPlain)}
                  onClick={() => void saveKey(key)}
                >
                  {t('provider.saveKey')}
                </button>
                {secrets.openaiApiKey.set && secrets.openaiApiKey.source !== 'env' && (
                  <button type="button" className="btn" onClick={() => void saveKey(null)}>
                    {t('provider.remove')}
                  </button>
                )}
              </div>
              {needsConsent && (
                <label className="check">
                  <input
                    type="checkbox"
                    checked={acceptPlain}
                    onChange={(e) => setAcceptPlain(e.target.checked)}
                  />
                  {t('provider.storePlain')}
                </label>
              )}
            </>
          ) : (
            <p className="hint browser-note">{t('provider.browserNoKeys')}</p>
          )}
        </div>
      )}

      {kind === 'chatgpt' && (
        <div className="field">
          <p className="hint" data-testid="chatgpt-status">
            {secrets.chatgpt?.set ? t('provider.chatgptSignedIn') : t('provider.chatgptSignedOut')}
          </p>
          {!desktop && <p className="hint browser-note">{t('provider.browserNoChatgpt')}</p>}
          <div className="row">
            <button type="button" className="btn" disabled={!desktop} onClick={() => void importCodex()}>
              {t('provider.importCodex')}
            </button>
          </div>
          <p className="hint">{rich('provider.importHint', { cmd: <code>codex login</code> })}</p>
          {importMsg && (
            <p className={importMsg.ok ? 'ok' : 'bad'} aria-live="polite">
              {importMsg.message}
            </p>
          )}
        </div>
      )}

      {kind === 'custom' && (
        <label className="field">
          <span className="field-label">{t('provider.baseUrl')}</span>
          <input
            key={settings.provider.baseUrl}
            defaultValue={settings.provider.baseUrl}
            placeholder="http://localhost:11434/v1"
            onBlur={(e) => {
              const v = e.target.value.trim()
              if (v && (v !== settings.provider.baseUrl || settings.provider.kind !== 'custom'))
                void save({ provider: { kind: 'custom', baseUrl: v } }).then(() => setPicked(null))
            }}
            onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          />
        </label>
      )}
      {kind === 'custom' && (
        <CustomKeyField view={view} desktop={desktop} onView={onView} onError={onError} />
      )}
    </fieldset>
  )
}
