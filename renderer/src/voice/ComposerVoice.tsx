// The composer's voice buttons: Dictate (Ctrl/Cmd+Shift+M; the transcript goes into the
// composer to edit, never sent by itself) and, in the chat window, the microphone that starts a
// voice conversation in the open conversation.
import { useEffect, useRef, useState } from 'react'
import { bridge } from '../bridge'
import { Dictation, idleDictation, type DictationState } from './dictation'
import { speechPrefs } from './speech-prefs'
import { DictateIcon, MicIcon } from './voice-icons'
import './voice-controls.css'
import { useT } from '../i18n/use-t'

interface Props {
  /** Called with the transcript of a finished dictation. */
  onDictated: (text: string) => void
  /** Start voice in the open conversation (absent: no microphone button, e.g. the quick window). */
  onVoice?: (() => void) | undefined
  /** Voice is live in the open conversation. */
  voiceHere?: boolean
}

export const DICTATE_SHORTCUT = 'Ctrl+Shift+M'

export function ComposerVoice({ onDictated, onVoice, voiceHere = false }: Props) {
  const [state, setState] = useState<DictationState>(idleDictation)
  const onText = useRef(onDictated)
  onText.current = onDictated
  const dictation = useRef<Dictation | null>(null)
  if (!dictation.current) dictation.current = new Dictation(bridge, setState, (t) => onText.current(t))

  useEffect(() => {
    const d = dictation.current
    // Latency samples for `npm run bench` (end of speech → text in the composer); no text.
    ;(window as { __dictationTimings?: unknown }).__dictationTimings = d?.timings
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'm') {
        e.preventDefault()
        d?.toggle(speechPrefs().dictationModel, speechPrefs().dictationVia)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => {
      window.removeEventListener('keydown', onKey)
      d?.dispose()
    }
  }, [])

  const t = useT()
  const recording = state.status === 'recording'
  const busy = state.status === 'starting' || state.status === 'transcribing'
  const label = recording ? t('dictation.stop') : t('dictation.start')
  return (
    <span className="composer-voice">
      {(recording || busy || state.error) && (
        <span className="dictation-status" role="status">
          {recording && (
            <span className="dictation-level" aria-hidden="true" data-level={Math.round(state.level * 100)}>
              <span style={{ transform: `scaleX(${Math.min(1, state.level * 4)})` }} />
            </span>
          )}
          {state.status === 'starting' && t('dictation.starting')}
          {recording && t('dictation.listening')}
          {state.status === 'transcribing' &&
            (state.partial ? t('dictation.partial', { text: state.partial }) : t('dictation.transcribing'))}
          {state.error && (
            <span className="dictation-error" role="alert">
              {state.error}
            </span>
          )}
        </span>
      )}
      <button
        type="button"
        className={`btn icon-btn${recording ? ' recording' : ''}`}
        aria-label={label}
        aria-pressed={recording}
        disabled={state.status === 'transcribing'}
        title={t('dictation.title', { label, shortcut: DICTATE_SHORTCUT })}
        onClick={() => dictation.current?.toggle(speechPrefs().dictationModel, speechPrefs().dictationVia)}
      >
        <DictateIcon />
      </button>
      {onVoice && (
        <button
          type="button"
          className={`btn icon-btn${voiceHere ? ' recording' : ''}`}
          aria-label={t('voice.talkLabel')}
          aria-pressed={voiceHere}
          title={t('voice.talkTitle')}
          onClick={onVoice}
        >
          <MicIcon />
        </button>
      )}
    </span>
  )
}
