// Settings: provider, default model, transport, compression, proxy (with a connection test),
// shortcuts with their registration status, theme, notifications, and what this host can do.
// Every change is saved at once through `settings.set` (validated in main).
import { useEffect, useState } from 'react'
import type { Capabilities, HotkeyStatus, ProxyTestResult, SettingsView } from '@shared/bridge'
import { bridge } from '../bridge'
import { ProviderSection } from './ProviderSection'
import { useSettingsSave } from './use-settings-save'
import type { ModelsState } from './ModelPicker'
import { DefaultModelSelect } from './ModelPicker'
import { CloseIcon } from './icons'
import { PresetsSection } from './PresetsSection'
import { McpSection } from './McpSection'
import { SpeechSettings } from '../voice/SpeechSettings'

interface Props {
  view: SettingsView
  caps: Capabilities
  models: ModelsState | null
  onView: (v: SettingsView) => void
  onClose: () => void
}

function Radio<T extends string>(p: {
  name: string
  value: T
  options: [T, string][]
  onChange: (v: T) => void
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label={p.name}>
      {p.options.map(([v, label]) => (
        <label key={v} className={p.value === v ? 'on' : undefined}>
          <input
            type="radio"
            name={p.name}
            value={v}
            checked={p.value === v}
            onChange={() => p.onChange(v)}
          />
          {label}
        </label>
      ))}
    </div>
  )
}

const HOTKEYS = {
  quickWindow: { name: 'Quick window', example: 'e.g. CommandOrControl+Shift+Space' },
  voice: { name: 'Voice', example: 'e.g. CommandOrControl+Shift+V' },
  // Held, not pressed: the key still reaches the app in front, so a key that does nothing there.
  pushToTalk: { name: 'Push to talk (hold)', example: 'e.g. F9 or CommandOrControl+Alt+Space' },
  screenshot: { name: 'Screenshot into the chat', example: 'e.g. CommandOrControl+Shift+2' },
} as const

export default function SettingsPanel({ view, caps, models, onView, onClose }: Props) {
  const { settings } = view
  const { save, error, setError } = useSettingsSave(onView)
  const [hotkeys, setHotkeys] = useState<HotkeyStatus[]>([])
  const [test, setTest] = useState<ProxyTestResult | 'running' | null>(null)

  useEffect(() => {
    bridge.query('hotkeys.status', {}).then(setHotkeys, () => undefined)
    return bridge.onEvent((e) => e.type === 'hotkeys_changed' && setHotkeys(e.status))
  }, [])

  return (
    <section className="settings" aria-labelledby="settings-title">
      <header className="panel-head">
        <h2 id="settings-title">Settings</h2>
        <button
          type="button"
          className="icon-btn"
          aria-label="Close settings"
          title="Close (Esc)"
          onClick={onClose}
        >
          <CloseIcon />
        </button>
      </header>
      <div className="settings-body">
        {error && (
          <p className="banner error" role="alert">
            {error}
          </p>
        )}
        <ProviderSection view={view} caps={caps} save={save} onView={onView} onError={setError} />

        <fieldset className="group">
          <legend>Model</legend>
          <label className="field">
            <span className="field-label">Default model</span>
            <DefaultModelSelect
              models={models}
              value={settings.model}
              onChange={(model) => void save({ model })}
            />
          </label>
        </fieldset>

        <PresetsSection settings={settings} models={models} save={save} />
        <McpSection view={view} save={save} onError={setError} />

        <fieldset className="group">
          <legend>Connection</legend>
          <div className="field">
            <span className="field-label" id="transport-label">
              Transport
            </span>
            <Radio
              name="Transport"
              value={settings.transport}
              options={[
                ['auto', 'Automatic'],
                ['websocket', 'WebSocket'],
                ['sse', 'HTTP (SSE)'],
              ]}
              onChange={(v) => void save({ transport: v })}
            />
            <p className="hint">
              Automatic uses WebSocket where the provider offers it and falls back to HTTP.
            </p>
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={settings.compression}
              onChange={(e) => void save({ compression: e.target.checked })}
            />
            Compress requests (zstd; ChatGPT sign-in only)
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={settings.compactAndRetry}
              onChange={(e) => void save({ compactAndRetry: e.target.checked })}
            />
            When a conversation no longer fits the model, compact it and send the message again
          </label>
          <label className="field">
            <span className="field-label">Proxy</span>
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
            <label className="field">
              <span className="field-label">Proxy URL</span>
              <input
                defaultValue={settings.proxy.url}
                placeholder="http://proxy.local:3128 or socks5://user:pass@host:1080"
                onBlur={(e) => void save({ proxy: { url: e.target.value.trim() } })}
              />
            </label>
          )}
          <div className="row">
            <button
              type="button"
              className="btn"
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
              {test === 'running' ? 'Testing…' : 'Test connection'}
            </button>
            {test && test !== 'running' && (
              <span className={test.ok ? 'ok' : 'bad'} role="status">
                {test.message}
              </span>
            )}
          </div>
        </fieldset>

        <fieldset className="group">
          <legend>Shortcuts</legend>
          {hotkeys.map((h) => (
            <label key={h.action} className="field">
              {/* Named by the action alone (aria-labelledby wins over the wrapping label, which
                  stays for click-to-focus); the status is its description. */}
              <span className="field-label" id={`hotkey-${h.action}`}>
                {HOTKEYS[h.action].name}
              </span>
              <input
                defaultValue={h.accelerator}
                placeholder={HOTKEYS[h.action].example}
                disabled={!caps.hotkeys}
                aria-labelledby={`hotkey-${h.action}`}
                aria-describedby={`hotkey-${h.action}-status`}
                onBlur={(e) => void save({ hotkeys: { [h.action]: e.target.value.trim() } })}
              />
              {/* hold=false: main says why this desktop gives press to talk, press again to send. */}
              <span
                id={`hotkey-${h.action}-status`}
                className={`hotkey ${h.state}${h.hold === false ? ' press-only' : ''}`}
              >
                {h.message}
              </span>
            </label>
          ))}
        </fieldset>

        <fieldset className="group">
          <legend>Appearance</legend>
          <Radio
            name="Theme"
            value={settings.theme}
            options={[
              ['system', 'Follow the system'],
              ['light', 'Light'],
              ['dark', 'Dark'],
            ]}
            onChange={(v) => void save({ theme: v })}
          />
        </fieldset>

        {caps.notifications && (
          <fieldset className="group">
            <legend>Notifications</legend>
            <label className="check">
              <input
                type="checkbox"
                checked={settings.notifications.reroute}
                onChange={(e) => void save({ notifications: { reroute: e.target.checked } })}
              />
              When an answer comes from another model
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={settings.notifications.rateLimits}
                onChange={(e) => void save({ notifications: { rateLimits: e.target.checked } })}
              />
              When a usage limit passes 80% and 95%
            </label>
          </fieldset>
        )}

        <SpeechSettings view={view} save={save} />

        <fieldset className="group">
          <legend>This host</legend>
          <ul className="features">
            <li className={caps.tray ? 'feature on' : 'feature off'}>
              Tray: {caps.tray ? 'available' : 'unavailable'}
            </li>
            <li className={caps.hotkeys ? 'feature on' : 'feature off'}>
              Global shortcuts: {caps.hotkeys ? 'available' : 'unavailable'}
            </li>
            <li className={caps.notifications ? 'feature on' : 'feature off'}>
              Notifications: {caps.notifications ? 'available' : 'unavailable'}
            </li>
          </ul>
          {caps.unavailableReason && <p className="hint">{caps.unavailableReason}</p>}
        </fieldset>
      </div>
    </section>
  )
}
