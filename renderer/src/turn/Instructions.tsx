// The conversation's instructions (system prompt), edited from the header, and the preset picker
// of a new chat (picking one applies its instructions, model and effort).
import { useEffect, useState } from 'react'
import type { Preset } from '@shared/bridge/presets'
import { useT } from '../i18n/use-t'

export function InstructionsButton({ value, onSave }: { value: string; onSave: (text: string) => void }) {
  const [open, setOpen] = useState(false)
  const t = useT()
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value, open])
  return (
    <>
      <button
        type="button"
        className="btn ghost"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        title={t('instructions.title')}
      >
        {t('presets.instructions')}
        {value ? ' •' : ''}
      </button>
      {open && (
        <div className="instructions-editor" role="dialog" aria-label={t('instructions.label')}>
          <label htmlFor="instructions-text">{t('instructions.field')}</label>
          <textarea
            id="instructions-text"
            value={text}
            maxLength={20_000}
            onChange={(e) => setText(e.target.value)}
            autoFocus
          />
          <div className="row">
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              {t('instructions.cancel')}
            </button>
            <button
              type="button"
              className="btn primary"
              onClick={() => {
                onSave(text.trim())
                setOpen(false)
              }}
            >
              {t('instructions.save')}
            </button>
          </div>
        </div>
      )}
    </>
  )
}

export function PresetPicker({
  presets,
  value,
  onPick,
}: {
  presets: readonly Preset[]
  value: string
  onPick: (id: string) => void
}) {
  const t = useT()
  if (presets.length === 0) return null
  return (
    <label className="preset-picker">
      <span className="sr-only">{t('voice.assistant')}</span>
      <select aria-label={t('voice.assistant')} value={value} onChange={(e) => onPick(e.target.value)}>
        <option value="">{t('instructions.noPreset')}</option>
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  )
}
