// The model for the next turns, from `models.list`: each with its context window, and where the
// list came from (the server, the on-disk cache, or the built-in catalog).
import type { ModelInfo, ModelsSource } from '@shared/wire/models'
import { formatTokens } from '../state/format'

export interface ModelsState {
  source: ModelsSource
  models: ModelInfo[]
  defaultModel: string
}

const SOURCE_WORDS: Record<ModelsSource, string> = {
  remote: 'from the server',
  cache: 'cached list',
  builtin: 'built-in list',
}

export function modelLabel(m: ModelInfo): string {
  const window = m.context_window ?? m.max_context_window
  return `${m.display_name ?? m.slug}${window ? ` · ${formatTokens(window)}` : ''}`
}

/** The models a picker offers: the listed ones, plus the current choice even when it is hidden. */
function ModelOptions({ models, value }: { models: ModelsState | null; value: string }) {
  return (
    <>
      {models?.models
        .filter((m) => m.visibility === 'list' || m.slug === value)
        .map((m) => (
          <option key={m.slug} value={m.slug}>
            {modelLabel(m)}
          </option>
        ))}
    </>
  )
}

/** The default-model choice of Settings and Onboarding ('' = the provider's default). */
export function DefaultModelSelect({ models, value, onChange }: Props) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Provider default{models ? ` (${models.defaultModel})` : ''}</option>
      <ModelOptions models={models} value={value} />
    </select>
  )
}

interface Props {
  models: ModelsState | null
  value: string
  onChange: (slug: string) => void
}

export function ModelPicker({ models, value, onChange }: Props) {
  if (!models) return null
  return (
    <label className="model-picker" title={`Models: ${SOURCE_WORDS[models.source]}`}>
      <span className="sr-only">Model</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-describedby="models-source">
        <option value="">Default ({models.defaultModel})</option>
        <ModelOptions models={models} value={value} />
      </select>
      <span id="models-source" className="models-source" data-source={models.source}>
        {SOURCE_WORDS[models.source]}
      </span>
    </label>
  )
}
