// The UI language: follow the OS (or browser) languages, or one of the catalogs. The provider
// hears `settings_changed` and re-renders in place, without a reload.
import type { SettingsPatch, SettingsView } from '@shared/bridge'
import { LOCALE_NAMES, LOCALES } from '../i18n/locales'
import { useT } from '../i18n/use-t'

export function LanguageSetting({ view, save }: { view: SettingsView; save: (p: SettingsPatch) => unknown }) {
  const t = useT()
  return (
    <label className="field">
      <span className="field-label">{t('settings.language')}</span>
      <select
        data-testid="language-select"
        value={view.settings.language}
        onChange={(e) => void save({ language: e.target.value as SettingsView['settings']['language'] })}
      >
        <option value="system">{t('settings.languageSystem')}</option>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  )
}
