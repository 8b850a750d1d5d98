// Picks the language (Settings override, else OS/browser languages), loads its catalog and
// provides it; a change in Settings re-renders the UI in place, without a reload.
import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { RawIntlProvider } from 'react-intl'
import { bridge } from '../bridge'
import { loadMessages } from './catalog'
import { makeIntl, setCurrentIntl } from './intl'
import { pickLocale, type Locale } from './locales'
import { en, type Messages } from './messages/en'

export function I18nProvider({ children }: { children: ReactNode }) {
  const [setting, setSetting] = useState<string>('system')
  const [system, setSystem] = useState<readonly string[] | null>(null)
  const [loaded, setLoaded] = useState<{ locale: Locale; messages: Messages }>({ locale: 'en', messages: en })

  useEffect(() => {
    bridge.query('host.capabilities', {}).then(
      (c) => setSystem(c.systemLocales ?? navigator.languages),
      () => setSystem(navigator.languages),
    )
    bridge.query('settings.get', {}).then(
      (v) => setSetting(v.settings.language),
      () => undefined,
    )
    return bridge.onEvent((e) => e.type === 'settings_changed' && setSetting(e.view.settings.language))
  }, [])

  const locale = pickLocale(setting, system ?? navigator.languages)
  useEffect(() => {
    let live = true
    loadMessages(locale).then(
      (messages) => live && setLoaded({ locale, messages }),
      () => live && setLoaded({ locale: 'en', messages: en }),
    )
    return () => void (live = false)
  }, [locale])

  const intl = useMemo(() => makeIntl(loaded.locale, loaded.messages), [loaded])
  setCurrentIntl(intl)
  useEffect(() => {
    document.documentElement.lang = loaded.locale
  }, [loaded.locale])
  return <RawIntlProvider value={intl}>{children}</RawIntlProvider>
}
