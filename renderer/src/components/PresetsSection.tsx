// Settings › Assistants: presets with a name, instructions, a model and an effort; one may be the
// default for new chats. Edits are kept locally until "Save", so typing is not a save per key.
import { useEffect, useState } from 'react'
import type { SettingsPatch, Settings } from '@shared/bridge'
import type { Preset } from '@shared/bridge/presets'
import { ReasoningEffort } from '@shared/wire/request'
import { DefaultModelSelect, type ModelsState } from './ModelPicker'
import '../attachments/attachments.css'
import { useT } from '../i18n/use-t'

interface Props {
  settings: Settings
  models: ModelsState | null
  save: (patch: SettingsPatch) => Promise<void>
}

export function PresetsSection({ settings, models, save }: Props) {
  const t = useT()
  const [draft, setDraft] = useState<Preset[]>(settings.presets)
  useEffect(() => setDraft(settings.presets), [settings.presets])
  const change = (i: number, p: Partial<Preset>) =>
    setDraft((d) => d.map((x, j) => (j === i ? { ...x, ...p } : x)))
  const dirty = JSON.stringify(draft) !== JSON.stringify(settings.presets)
  const persist = (presets: Preset[], defaultPreset = settings.defaultPreset) =>
    void save({
      presets,
      defaultPreset: presets.some((p) => p.id === defaultPreset) ? defaultPreset : '',
    })

  return (
    <fieldset className="group">
      <legend>{t('presets.legend')}</legend>
      <p className="hint">{t('presets.hint')}</p>
      <div className="preset-list">
        {draft.map((p, i) => (
          <div className="preset" key={p.id} aria-label={t('presets.preset', { n: i + 1 })} role="group">
            <label className="field">
              <span className="field-label">{t('presets.name')}</span>
              <input value={p.name} maxLength={80} onChange={(e) => change(i, { name: e.target.value })} />
            </label>
            <label className="field">
              <span className="field-label">{t('presets.instructions')}</span>
              <textarea
                value={p.instructions}
                maxLength={20_000}
                onChange={(e) => change(i, { instructions: e.target.value })}
              />
            </label>
            <label className="field">
              <span className="field-label">{t('settings.model')}</span>
              <DefaultModelSelect
                models={models}
                value={p.model}
                onChange={(model) => change(i, { model })}
              />
            </label>
            <label className="field">
              <span className="field-label">{t('presets.effort')}</span>
              <select
                value={p.effort}
                onChange={(e) => change(i, { effort: e.target.value as Preset['effort'] })}
              >
                <option value="">{t('presets.modelDefault')}</option>
                {ReasoningEffort.options.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
            <label className="default-choice">
              <input
                type="radio"
                name="default-preset"
                checked={settings.defaultPreset === p.id}
                onChange={() => persist(draft, p.id)}
              />
              {t('presets.default')}
            </label>
            <button
              type="button"
              className="btn ghost"
              onClick={() => persist(draft.filter((_, j) => j !== i))}
            >
              {t('presets.delete')}
            </button>
          </div>
        ))}
      </div>
      <div className="row">
        <button
          type="button"
          className="btn"
          onClick={() =>
            setDraft((d) => [
              ...d,
              {
                id: crypto.randomUUID(),
                name: t('presets.newName', { n: d.length + 1 }),
                instructions: '',
                model: '',
                effort: '',
              },
            ])
          }
        >
          {t('presets.add')}
        </button>{' '}
        {settings.defaultPreset && (
          <button type="button" className="btn ghost" onClick={() => persist(draft, '')}>
            {t('presets.noDefault')}
          </button>
        )}{' '}
        <button type="button" className="btn primary" disabled={!dirty} onClick={() => persist(draft)}>
          {t('presets.save')}
        </button>
      </div>
    </fieldset>
  )
}
