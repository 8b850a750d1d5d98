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
import { BackupSection } from './BackupSection'
import { SpeechSettings } from '../voice/SpeechSettings'
import { useT } from '../i18n/use-t'
import { LanguageSetting } from './LanguageSetting'

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
  quickWindow: { name: 'settings.hotkeyQuick', example: 'settings.hotkeyQuickExample' },
  voice: { name: 'settings.hotkeyVoice', example: 'settings.hotkeyVoiceExample' },
  // Held, not pressed: the key still reaches the app in front, so a key that does nothing there.
  pushToTalk: { name: 'settings.hotkeyPtt', example: 'settings.hotkeyPttExample' },
  screenshot: { name: 'settings.hotkeyScreenshot', example: 'settings.hotkeyScreenshotExample' },
} as const

export default function SettingsPanel({ view, caps, models, onView, onClose }: Props) {
  const { settings } = view
  const t = useT()
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
        <h2 id="settings-title">{t('app.settings')}</h2>
        <button
          type="button"
          className="icon-btn"
          aria-label={t('settings.close')}
          title={t('settings.closeTitle')}
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
          <legend>{t('settings.model')}</legend>
          <label className="field">
            <span className="field-label">{t('settings.defaultModel')}</span>
            <DefaultModelSelect
              models={models}
              value={settings.model}
              onChange={(model) => void save({ model })}
            />
          </label>
        </fieldset>

        <PresetsSection settings={settings} models={models} save={save} />
        <McpSection view={view} save={save} onError={setError} />
        <BackupSection view={view} save={save} onError={setError} />

        <fieldset className="group">
          <legend>{t('settings.connection')}</legend>
          <div className="field">
            <span className="field-label" id="transport-label">
              {t('settings.transport')}
            </span>
            <Radio
              name={t('settings.transport')}
              value={settings.transport}
              options={[
                ['auto', t('settings.transportAuto')],
                ['websocket', 'WebSocket'],
                ['sse', 'HTTP (SSE)'],
              ]}
              onChange={(v) => void save({ transport: v })}
            />
            <p className="hint">{t('settings.transportHint')}</p>
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={settings.compression}
              onChange={(e) => void save({ compression: e.target.checked })}
            />
            {t('settings.compression')}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={settings.compactAndRetry}
              onChange={(e) => void save({ compactAndRetry: e.target.checked })}
            />
            {t('settings.compactAndRetry')}
          </label>
          <label className="field">
            <span className="field-label">{t('settings.proxy')}</span>
            <select
              value={settings.proxy.mode}
              onChange={(e) => void save({ proxy: { mode: e.target.value as 'system' } })}
            >
              <option value="system">{t('settings.proxySystem')}</option>
              <option value="custom">{t('settings.proxyCustom')}</option>
              <option value="none">{t('settings.proxyNone')}</option>
            </select>
          </label>
          {settings.proxy.mode === 'custom' && (
            <label className="field">
              <span className="field-label">{t('settings.proxyUrl')}</span>
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
              {test === 'running' ? t('settings.testing') : t('settings.testConnection')}
            </button>
            {test && test !== 'running' && (
              <span className={test.ok ? 'ok' : 'bad'} role="status">
                {test.message}
              </span>
            )}
          </div>
        </fieldset>

        <fieldset className="group">
          <legend>{t('settings.shortcuts')}</legend>
          {hotkeys.map((h) => (
            <label key={h.action} className="field">
              {/* Named by the action alone (aria-labelledby wins over the wrapping label, which
                  stays for click-to-focus); the status is its description. */}
              <span className="field-label" id={`hotkey-${h.action}`}>
                {t(HOTKEYS[h.action].name)}
              </span>
              <input
                defaultValue={h.accelerator}
                placeholder={t(HOTKEYS[h.action].example)}
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
          <legend>{t('settings.appearance')}</legend>
          <Radio
            name={t('settings.theme')}
            value={settings.theme}
            options={[
              ['system', t('settings.themeSystem')],
              ['light', t('settings.themeLight')],
              ['dark', t('settings.themeDark')],
            ]}
            onChange={(v) => void save({ theme: v })}
          />
          <LanguageSetting view={view} save={save} />
        </fieldset>

        {caps.notifications && (
          <fieldset className="group">
            <legend>{t('settings.notifications')}</legend>
            <label className="check">
              <input
                type="checkbox"
                checked={settings.notifications.reroute}
                onChange={(e) => void save({ notifications: { reroute: e.target.checked } })}
              />
              {t('settings.notifyReroute')}
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={settings.notifications.rateLimits}
                onChange={(e) => void save({ notifications: { rateLimits: e.target.checked } })}
              />
              {t('settings.notifyLimits')}
            </label>
          </fieldset>
        )}

        <SpeechSettings view={view} save={save} />

        <fieldset className="group">
          <legend>{t('settings.thisHost')}</legend>
          <ul className="features">
            <li className={caps.tray ? 'feature on' : 'feature off'}>
              {t('settings.tray', { on: String(caps.tray) })}
            </li>
            <li className={caps.hotkeys ? 'feature on' : 'feature off'}>
              {t('settings.globalShortcuts', { on: String(caps.hotkeys) })}
            </li>
            <li className={caps.notifications ? 'feature on' : 'feature off'}>
              {t('settings.notificationsAvail', { on: String(caps.notifications) })}
            </li>
          </ul>
          {caps.unavailableReason && <p className="hint">{caps.unavailableReason}</p>}
        </fieldset>
      </div>
    </section>
  )
}
