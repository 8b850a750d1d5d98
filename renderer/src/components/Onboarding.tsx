// First run: pick how to connect, a default model and a theme, then start. Shown in the empty
// chat until finished or skipped (`settings.onboarded`); everything here is also in Settings.
import type { Capabilities, SettingsView } from '@shared/bridge'
import { ProviderSection } from './ProviderSection'
import { useSettingsSave } from './use-settings-save'
import { DefaultModelSelect, type ModelsState } from './ModelPicker'
import { useT } from '../i18n/use-t'

interface Props {
  view: SettingsView
  caps: Capabilities
  models: ModelsState | null
  onView: (v: SettingsView) => void
}

export default function Onboarding({ view, caps, models, onView }: Props) {
  const { save, error, setError } = useSettingsSave(onView)
  const t = useT()
  return (
    <section className="onboarding" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{t('onboarding.welcome')}</h2>
      <p className="lead">{t('onboarding.lead')}</p>
      {caps.demo && <p className="hint">{t('onboarding.demo')}</p>}
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      <ProviderSection view={view} caps={caps} save={save} onView={onView} onError={setError} />
      <fieldset className="group">
        <legend>{t('settings.defaultModel')}</legend>
        <label className="field">
          <span className="sr-only">{t('settings.defaultModel')}</span>
          <DefaultModelSelect
            models={models}
            value={view.settings.model}
            onChange={(model) => void save({ model })}
          />
        </label>
      </fieldset>
      <div className="row end">
        <button type="button" className="btn ghost" onClick={() => void save({ onboarded: true })}>
          {t('onboarding.skip')}
        </button>
        <button type="button" className="btn primary" onClick={() => void save({ onboarded: true })}>
          {t('onboarding.start')}
        </button>
      </div>
    </section>
  )
}
