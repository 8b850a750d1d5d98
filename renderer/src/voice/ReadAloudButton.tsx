// "Read aloud" under an answer: play, pause/resume, stop, and save the audio (only on request).
// One reading at a time in the window: starting another stops this one.
import { useSyncExternalStore } from 'react'
import { bridge } from '../bridge'
import { ReadAloud } from './read-aloud'
import { speechPrefs } from './speech-prefs'
import { PauseIcon, SpeakerIcon } from './voice-icons'
import './voice-controls.css'
import { useT } from '../i18n/use-t'

let shared: ReadAloud | null = null
export function readAloud(): ReadAloud {
  if (!shared) {
    shared = new ReadAloud(bridge)
    // Latency samples for `npm run bench` (time to first audio); no text, no audio.
    ;(window as { __readAloudTimings?: unknown }).__readAloudTimings = shared.timings
  }
  return shared
}

export function ReadAloudButton({ id, text }: { id: string; text: string }) {
  const t = useT()
  const r = readAloud()
  const s = useSyncExternalStore(r.subscribe, r.snapshot)
  const mine = s.key === id
  const active = mine && s.status !== 'idle'
  const play = () => {
    const p = speechPrefs()
    void r.play(id, text, { voice: p.voice, model: p.speechModel, codeBlocks: p.codeBlocks })
  }
  const save = () => {
    const blob = r.saveable()
    if (!blob) return
    const a = document.createElement('a')
    a.href = URL.createObjectURL(blob)
    a.download = 'answer.wav'
    a.click()
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
  }
  return (
    <div
      className="read-aloud"
      data-status={mine ? s.status : 'idle'}
      data-played-samples={mine ? s.playedSamples : 0}
    >
      {!active ? (
        <button type="button" className="btn ghost small" onClick={play} title={t('readAloud.title')}>
          <SpeakerIcon /> {t('readAloud.read')}
        </button>
      ) : (
        <>
          {s.status === 'paused' ? (
            <button type="button" className="btn ghost small" onClick={() => r.resume()}>
              <SpeakerIcon /> {t('readAloud.resume')}
            </button>
          ) : (
            <button
              type="button"
              className="btn ghost small"
              disabled={s.status === 'loading'}
              onClick={() => r.pause()}
            >
              <PauseIcon /> {s.status === 'loading' ? t('readAloud.starting') : t('readAloud.pause')}
            </button>
          )}
          <button type="button" className="btn ghost small" onClick={() => void r.stop()}>
            {t('readAloud.stop')}
          </button>
        </>
      )}
      {mine && s.playedSamples > 0 && (
        <button type="button" className="btn ghost small" onClick={save} title={t('readAloud.saveTitle')}>
          {t('readAloud.save')}
        </button>
      )}
      {mine && s.error && (
        <span className="read-aloud-error" role="alert">
          {s.error}
        </span>
      )}
    </div>
  )
}
