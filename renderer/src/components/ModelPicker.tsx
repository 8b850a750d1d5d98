// The model for the next turns, from `models.list`: each with its context window, and where the
// list came from (the server, the on-disk cache, or the built-in catalog).
import type { ModelInfo, ModelsSource } from '@shared/wire/models'
import { formatTokens } from '../state/format'
import { useT } from '../i18n/use-t'
import type { MessageId } from '../i18n/messages/en'

export interface ModelsState {
  source: ModelsSource
  models: ModelInfo[]
  defaultModel: string
}

const SOURCE_WORDS: Record<ModelsSource, MessageId> = {
  remote: 'model.remote',
  cache: 'model.cache',
  builtin: 'model.builtin',
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
  const t = useT()
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">
        {models ? t('model.providerDefaultOf', { model: models.defaultModel }) : t('model.providerDefault')}
      </option>
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
  const t = useT()
  if (!models) return null
  return (
    <label className="model-picker" title={t('model.title', { source: t(SOURCE_WORDS[models.source]) })}>
      <span className="sr-only">{t('settings.model')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-describedby="models-source">
        <option value="">{t('model.default', { model: models.defaultModel })}</option>
        <ModelOptions models={models} value={value} />
      </select>
      <span id="models-source" className="models-source" data-source={models.source}>
        {t(SOURCE_WORDS[models.source])}
      </span>
    </label>
  )
}
