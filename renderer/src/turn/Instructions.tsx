// The conversation's instructions (system prompt), edited from the header, and the preset picker
// of a new chat (picking one applies its instructions, model and effort).
import { useEffect, useState } from 'react'
import type { Preset } from '@shared/bridge/presets'

export function InstructionsButton({ value, onSave }: { value: string; onSave: (text: string) => void }) {
  const [open, setOpen] = useState(false)
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value, open])
  return (
    <>
      <button
        type="button"
        className="btn ghost"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        title="The instructions the model follows in this conversation"
      >
        Instructions{value ? ' •' : ''}
      </button>
      {open && (
        <div className="instructions-editor" role="dialog" aria-label="Instructions for this conversation">
          <label htmlFor="instructions-text">Instructions for this conversation (empty = the default)</label>
          <textarea
            id="instructions-text"
            value={text}
            maxLength={20_000}
            onChange={(e) => setText(e.target.value)}
            autoFocus
          />
          <div className="row">
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="btn primary"
              onClick={() => {
                onSave(text.trim())
                setOpen(false)
              }}
            >
              Save instructions
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
  if (presets.length === 0) return null
  return (
    <label className="preset-picker">
      <span className="sr-only">Assistant</span>
      <select aria-label="Assistant" value={value} onChange={(e) => onPick(e.target.value)}>
        <option value="">No preset</option>
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  )
}
