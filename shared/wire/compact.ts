// `POST {base}/responses/compact` (protocol.md §1.1; research-2026-11 §1.2): a unary call that
// returns the conversation's replacement input. Strict, so the emulator rejects what the service would.
import { z } from 'zod'
import { ResponseItem } from './items'

export const CompactRequest = z.strictObject({
  model: z.string().min(1),
  input: z.array(ResponseItem),
  instructions: z.string(),
})
export type CompactRequest = z.infer<typeof CompactRequest>

/** `output` is the user messages followed by one `compaction` item; unknown fields are ignored. */
export const CompactResponse = z.looseObject({
  id: z.string().optional(),
  object: z.literal('response.compaction'),
  output: z.array(z.unknown()),
  usage: z.looseObject({ input_tokens: z.number(), output_tokens: z.number() }).optional().nullable(),
})
export type CompactResponse = z.infer<typeof CompactResponse>
