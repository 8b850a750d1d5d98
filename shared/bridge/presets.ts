// Presets ("assistants", issue 14): a name, instructions, a model and an effort, kept in settings.
// Picking one for a new chat applies all its fields; one may be the default for new chats.
import { z } from 'zod'
import { ReasoningEffort } from '../wire/request'

export const MAX_PRESET_INSTRUCTIONS = 20_000

export const Preset = z.strictObject({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(80),
  instructions: z.string().max(MAX_PRESET_INSTRUCTIONS),
  /** '' = the default model. */
  model: z.string().max(200),
  /** '' = the model's default effort. */
  effort: z.union([ReasoningEffort, z.literal('')]),
})
export type Preset = z.infer<typeof Preset>
