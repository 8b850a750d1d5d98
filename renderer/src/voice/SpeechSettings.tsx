// Settings → Voice: the dictation model, the read-aloud voice and model, and the visible rule
// for code blocks in answers read aloud.
import type { SettingsPatch, SettingsView } from '@shared/bridge'
import { SPEECH_VOICES } from '@shared/speech'
import { useT } from '../i18n/use-t'
import type { MessageId } from '../i18n/messages/en'

const DICTATION_MODELS: [string, MessageId][] = [
  ['gpt-4o-mini-transcribe', 'speech.modelFastStreams'],
  ['gpt-4o-transcribe', 'speech.modelStreams'],
  ['whisper-1', 'speech.modelAtEnd'],
]
const SPEECH_MODELS = ['gpt-4o-mini-tts', 'tts-1', 'tts-1-hd']

export function SpeechSettings({ view, save }: { view: SettingsView; save: (p: SettingsPatch) => unknown }) {
  const s = view.settings.speech
  const t = useT()
  return (
    <fieldset className="group">
      <legend>{t('speech.legend')}</legend>
      <label className="field">
        <span className="field-label">{t('speech.dictationModel')}</span>
        <select
          value={s.dictationModel}
          onChange={(e) => void save({ speech: { dictationModel: e.target.value } })}
        >
          {DICTATION_MODELS.map(([v, label]) => (
            <option key={v} value={v}>
              {t(label, { model: v })}
            </option>
          ))}
        </select>
      </label>
      <div className="field" role="radiogroup" aria-label={t('speech.via')}>
        <span className="field-label">{t('speech.via')}</span>
        <label className="check">
          <input
            type="radio"
            name="speech-via"
            checked={s.dictationVia === 'transcriptions'}
            onChange={() => void save({ speech: { dictationVia: 'transcriptions' } })}
          />
          {t('speech.viaTranscriptions')}
        </label>
        <label className="check">
          <input
            type="radio"
            name="speech-via"
            checked={s.dictationVia === 'realtime'}
            onChange={() => void save({ speech: { dictationVia: 'realtime' } })}
          />
          {t('speech.viaRealtime')}
        </label>
      </div>
      <p className="hint">{t('speech.dictationHint')}</p>
      <label className="field">
        <span className="field-label">{t('speech.voice')}</span>
        <select value={s.voice} onChange={(e) => void save({ speech: { voice: e.target.value } })}>
          {SPEECH_VOICES.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('speech.model')}</span>
        <select
          value={s.speechModel}
          onChange={(e) => void save({ speech: { speechModel: e.target.value } })}
        >
          {SPEECH_MODELS.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <div className="field" role="radiogroup" aria-label={t('speech.codeBlocks')}>
        <span className="field-label">{t('speech.codeBlocks')}</span>
        <label className="check">
          <input
            type="radio"
            name="speech-code"
            checked={s.codeBlocks === 'summarize'}
            onChange={() => void save({ speech: { codeBlocks: 'summarize' } })}
          />
          {t('speech.summarize')}
        </label>
        <label className="check">
          <input
            type="radio"
            name="speech-code"
            checked={s.codeBlocks === 'skip'}
            onChange={() => void save({ speech: { codeBlocks: 'skip' } })}
          />
          {t('speech.skip')}
        </label>
      </div>
      <p className="hint">{t('speech.audioHint')}</p>
    </fieldset>
  )
}
