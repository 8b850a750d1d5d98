// Reasoning effort (and verbosity where the model has it) for the next turns, next to the model
// picker. Only the levels the model lists are offered; models without reasoning show nothing.
import type { ModelInfo } from '@shared/wire/models'
import type { ReasoningEffort, Verbosity } from '@shared/wire/request'
import { useT } from '../i18n/use-t'

export function effortLevels(info: ModelInfo | undefined): ReasoningEffort[] {
  if (!info?.supports_reasoning_summaries) return []
  return info.supported_reasoning_levels.map((l) => l.effort)
}

interface Props {
  info: ModelInfo | undefined
  effort: ReasoningEffort | ''
  verbosity: Verbosity | ''
  onEffort: (e: ReasoningEffort | '') => void
  onVerbosity: (v: Verbosity | '') => void
}

export function EffortPicker({ info, effort, verbosity, onEffort, onVerbosity }: Props) {
  const levels = effortLevels(info)
  const t = useT()
  if (!info || levels.length === 0) return null
  const def = info.default_reasoning_level
  return (
    <>
      <label className="effort-picker" title={t('effort.title')}>
        <span className="sr-only">{t('effort.label')}</span>
        <select
          aria-label={t('effort.label')}
          value={levels.includes(effort as ReasoningEffort) ? effort : ''}
          onChange={(e) => onEffort(e.target.value as ReasoningEffort | '')}
        >
          <option value="">{def ? t('effort.defaultOf', { level: def }) : t('presets.effort')}</option>
          {levels.map((l) => (
            <option key={l} value={l}>
              {t('effort.level', { level: l })}
            </option>
          ))}
        </select>
      </label>
      {info.support_verbosity && (
        <label className="verbosity-picker" title={t('verbosity.title')}>
          <span className="sr-only">{t('verbosity.label')}</span>
          <select
            aria-label={t('verbosity.label')}
            value={verbosity}
            onChange={(e) => onVerbosity(e.target.value as Verbosity | '')}
          >
            <option value="">
              {info.default_verbosity
                ? t('verbosity.defaultOf', { level: info.default_verbosity })
                : t('verbosity.length')}
            </option>
            <option value="low">{t('verbosity.low')}</option>
            <option value="medium">{t('verbosity.medium')}</option>
            <option value="high">{t('verbosity.high')}</option>
          </select>
        </label>
      )}
    </>
  )
}
