// Settings → Voice: the dictation model, the read-aloud voice and model, and the visible rule
// for code blocks in answers read aloud.
import type { SettingsPatch, SettingsView } from '@shared/bridge'
import { SPEECH_VOICES } from '@shared/speech'

const DICTATION_MODELS: [string, string][] = [
  ['gpt-4o-mini-transcribe', 'gpt-4o-mini-transcribe (fast, streams)'],
  ['gpt-4o-transcribe', 'gpt-4o-transcribe (streams)'],
  ['whisper-1', 'whisper-1 (text at the end)'],
]
const SPEECH_MODELS = ['gpt-4o-mini-tts', 'tts-1', 'tts-1-hd']

export function SpeechSettings({ view, save }: { view: SettingsView; save: (p: SettingsPatch) => unknown }) {
  const s = view.settings.speech
  return (
    <fieldset className="group">
      <legend>Dictation and read aloud</legend>
      <label className="field">
        <span className="field-label">Dictation model</span>
        <select
          value={s.dictationModel}
          onChange={(e) => void save({ speech: { dictationModel: e.target.value } })}
        >
          {DICTATION_MODELS.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div className="field" role="radiogroup" aria-label="Dictation through">
        <span className="field-label">Dictation through</span>
        <label className="check">
          <input
            type="radio"
            name="speech-via"
            checked={s.dictationVia === 'transcriptions'}
            onChange={() => void save({ speech: { dictationVia: 'transcriptions' } })}
          />
          The transcription endpoint, after you stop (streams the text where the model does)
        </label>
        <label className="check">
          <input
            type="radio"
            name="speech-via"
            checked={s.dictationVia === 'realtime'}
            onChange={() => void save({ speech: { dictationVia: 'realtime' } })}
          />
          A realtime transcription session, while you speak
        </label>
      </div>
      <p className="hint">
        Dictation (Ctrl+Shift+M) puts what you say in the message box to edit; nothing is sent until you press
        Enter.
      </p>
      <label className="field">
        <span className="field-label">Read-aloud voice</span>
        <select value={s.voice} onChange={(e) => void save({ speech: { voice: e.target.value } })}>
          {SPEECH_VOICES.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Read-aloud model</span>
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
      <div className="field" role="radiogroup" aria-label="Code blocks when reading aloud">
        <span className="field-label">Code blocks when reading aloud</span>
        <label className="check">
          <input
            type="radio"
            name="speech-code"
            checked={s.codeBlocks === 'summarize'}
            onChange={() => void save({ speech: { codeBlocks: 'summarize' } })}
          />
          Summarize: say “A code block in Python, 12 lines.”
        </label>
        <label className="check">
          <input
            type="radio"
            name="speech-code"
            checked={s.codeBlocks === 'skip'}
            onChange={() => void save({ speech: { codeBlocks: 'skip' } })}
          />
          Skip them
        </label>
      </div>
      <p className="hint">Audio read aloud is kept only while it plays, unless you choose Save audio.</p>
    </fieldset>
  )
}
