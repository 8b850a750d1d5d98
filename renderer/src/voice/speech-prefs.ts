// The speech settings the voice controls use (models, voice, code-block rule), read once from
// the host and kept current through `settings_changed`; no component has to pass them down.
import { DEFAULT_SETTINGS, type Settings } from '@shared/bridge'
import { bridge } from '../bridge'

export type SpeechPrefs = Settings['speech']

let prefs: SpeechPrefs = DEFAULT_SETTINGS.speech
let started = false

function apply(p: SpeechPrefs | undefined): void {
  if (!p || p === prefs) return
  prefs = p
}

/** The window's settings view changed (its own save included). */
export const setSpeechPrefs = apply

function start(): void {
  if (started) return
  started = true
  bridge.query('settings.get', {}).then(
    (v) => apply(v.settings.speech),
    () => undefined,
  )
  bridge.onEvent((e) => e.type === 'settings_changed' && apply(e.view.settings.speech))
}

export function speechPrefs(): SpeechPrefs {
  start()
  return prefs
}
