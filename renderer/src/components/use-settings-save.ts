// Saving settings from a form (Settings, Onboarding): the host answers with the new view, or an
// error shown in the form's banner.
import { useState } from 'react'
import type { SettingsPatch, SettingsView } from '@shared/bridge'
import { bridge } from '../bridge'

export function useSettingsSave(onView: (v: SettingsView) => void) {
  const [error, setError] = useState<string | null>(null)
  const save = (patch: SettingsPatch) =>
    bridge.query('settings.set', patch).then(
      (v) => {
        setError(null)
        onView(v)
      },
      (e: Error) => setError(e.message),
    )
  return { save, error, setError }
}
