// Reasoning effort (and verbosity where the model has it) for the next turns, next to the model
// picker. Only the levels the model lists are offered; models without reasoning show nothing.
import type { ModelInfo } from '@shared/wire/models'
import type { ReasoningEffort, Verbosity } from '@shared/wire/request'

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
  if (!info || levels.length === 0) return null
  const def = info.default_reasoning_level
  return (
    <>
      <label className="effort-picker" title="How hard the model thinks">
        <span className="sr-only">Reasoning effort</span>
        <select
          aria-label="Reasoning effort"
          value={levels.includes(effort as ReasoningEffort) ? effort : ''}
          onChange={(e) => onEffort(e.target.value as ReasoningEffort | '')}
        >
          <option value="">Effort{def ? ` (${def})` : ''}</option>
          {levels.map((l) => (
            <option key={l} value={l}>
              Effort: {l}
            </option>
          ))}
        </select>
      </label>
      {info.support_verbosity && (
        <label className="verbosity-picker" title="How long the answers are">
          <span className="sr-only">Verbosity</span>
          <select
            aria-label="Verbosity"
            value={verbosity}
            onChange={(e) => onVerbosity(e.target.value as Verbosity | '')}
          >
            <option value="">Length{info.default_verbosity ? ` (${info.default_verbosity})` : ''}</option>
            <option value="low">Short answers</option>
            <option value="medium">Medium answers</option>
            <option value="high">Long answers</option>
          </select>
        </label>
      )}
    </>
  )
}
