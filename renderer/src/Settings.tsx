// Settings basics: provider, key, model, proxy (with a connection test), shortcuts with their
// registration status, theme, and which desktop features this host has.
import { useEffect, useState } from 'react'
import type { Capabilities, HotkeyStatus, ProxyTestResult, SettingsPatch, SettingsView } from '@shared/bridge'
import { bridge } from './bridge'

interface Props {
  view: SettingsView
  caps: Capabilities
  onView: (v: SettingsView) => void
}

function Feature({ name, on }: { name: string; on: boolean }) {
  return (
    <li className={on ? 'feature on' : 'feature off'}>
      {name}: {on ? 'available' : 'unavailable'}
    </li>
  )
}

export function SettingsPanel({ view, caps, onView }: Props) {
  const { settings, secrets } = view
  const [error, setError] = useState<string | null>(null)
  const [models, setModels] = useState<string[]>([])
  const [hotkeys, setHotkeys] = useState<HotkeyStatus[]>([])
  const [key, setKey] = useState('')
  const [acceptPlain, setAcceptPlain] = useState(false)
  const [test, setTest] = useState<ProxyTestResult | 'running' | null>(null)

  useEffect(() => {
    bridge.query('models.list', {}).then(
      (l) => setModels(l.models.map((m) => m.slug)),
      () => setModels([]),
    )
    bridge.query('hotkeys.status', {}).then(setHotkeys, () => undefined)
    return bridge.onEvent((e) => e.type === 'hotkeys_changed' && setHotkeys(e.status))
  }, [])

  const save = (patch: SettingsPatch) =>
    bridge.query('settings.set', patch).then(
      (v) => {
        setError(null)
        onView(v)
      },
      (e: Error) => setError(e.message),
    )

  const needsConsent = secrets.storage.encryption === 'unavailable' || secrets.storage.encryption === 'weak'
  const saveKey = (value: string | null) =>
    bridge.query('secrets.set', { name: 'openai_api_key', value, acceptPlaintext: acceptPlain }).then(
      (s) => {
        setKey('')
        setError(null)
        onView({ settings, secrets: s })
      },
      (e: Error) => setError(e.message),
    )

  return (
    <aside className="settings" aria-label="Settings">
      <h2>Settings</h2>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}

      <h3>This host</h3>
      <ul className="features">
        <Feature name="Tray" on={caps.tray} />
        <Feature name="Global shortcuts" on={caps.hotkeys} />
        <Feature name="Notifications" on={caps.notifications} />
      </ul>
      {caps.unavailableReason && <p className="hint">{caps.unavailableReason}</p>}

      <h3>Provider</h3>
      <label>
        Provider
        <select
          value={settings.provider.kind}
          onChange={(e) => void save({ provider: { kind: e.target.value as 'openai' } })}
        >
          <option value="openai">OpenAI API key</option>
          <option value="chatgpt">ChatGPT sign-in</option>
          <option value="custom">Custom (OpenAI-compatible)</option>
        </select>
      </label>
      {settings.provider.kind === 'custom' && (
        <label>
          Base URL
          <input
            defaultValue={settings.provider.baseUrl}
            placeholder="http://localhost:11434/v1"
            onBlur={(e) => void save({ provider: { baseUrl: e.target.value.trim() } })}
          />
        </label>
      )}
      <label>
        Model
        <select value={settings.model} onChange={(e) => void save({ model: e.target.value })}>
          <option value="">Provider default</option>
          {models.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>

      <h3>API key</h3>
      <p className="hint" data-testid="key-status">
        {secrets.openaiApiKey.set ? `A key is set (${secrets.openaiApiKey.source}).` : 'No key is set.'}
        {secrets.storage.message ? ` ${secrets.storage.message}` : ''}
      </p>
      {caps.host === 'electron' && (
        <div className="row">
          <input
            type="password"
            aria-label="API key"
            value={key}
            autoComplete="off"
            onChange={(e) => setKey(e.target.value)}
          />
          <button
            type="button"
            disabled={!key.trim() || (needsConsent && !acceptPlain)}
            onClick={() => void saveKey(key)}
          >
            Save key
          </button>
          {secrets.openaiApiKey.set && (
            <button type="button" onClick={() => void saveKey(null)}>
              Remove
            </button>
          )}
        </div>
      )}
      {caps.host === 'electron' && needsConsent && (
        <label className="check">
          <input type="checkbox" checked={acceptPlain} onChange={(e) => setAcceptPlain(e.target.checked)} />
          Store the key unencrypted on this computer anyway
        </label>
      )}

      <h3>Proxy</h3>
      <label>
        Mode
        <select
          value={settings.proxy.mode}
          onChange={(e) => void save({ proxy: { mode: e.target.value as 'system' } })}
        >
          <option value="system">System</option>
          <option value="custom">Custom URL</option>
          <option value="none">None</option>
        </select>
      </label>
      {settings.proxy.mode === 'custom' && (
        <label>
          Proxy URL
          <input
            defaultValue={settings.proxy.url}
            placeholder="http://proxy.local:3128"
            onBlur={(e) => void save({ proxy: { url: e.target.value.trim() } })}
          />
        </label>
      )}
      <div className="row">
        <button
          type="button"
          disabled={test === 'running'}
          onClick={() => {
            setTest('running')
            bridge
              .query('proxy.test', {})
              .then(setTest, (e: Error) =>
                setTest({ ok: false, target: '', via: '', status: null, ms: 0, message: e.message }),
              )
          }}
        >
          Test connection
        </button>
        {test && test !== 'running' && (
          <span className={test.ok ? 'ok' : 'bad'} role="status">
            {test.message}
          </span>
        )}
      </div>

      <h3>Shortcuts</h3>
      {hotkeys.map((h) => (
        <label key={h.action}>
          {h.action === 'quickWindow' ? 'Quick window' : 'Voice'}
          <input
            defaultValue={h.accelerator}
            placeholder="e.g. CommandOrControl+Shift+Space"
            disabled={!caps.hotkeys}
            onBlur={(e) => void save({ hotkeys: { [h.action]: e.target.value.trim() } })}
          />
          <span className={`hotkey ${h.state}`}>{h.message}</span>
        </label>
      ))}

      <h3>Appearance</h3>
      <label>
        Theme
        <select value={settings.theme} onChange={(e) => void save({ theme: e.target.value as 'system' })}>
          <option value="system">Follow the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
    </aside>
  )
}
