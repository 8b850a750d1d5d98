// Rate-limit snapshots (protocol.md §3).
import { z } from 'zod'

export const RateLimitWindow = z.object({
  used_percent: z.number(),
  window_minutes: z.number().int().optional(),
  /** Unix seconds. */
  resets_at: z.number().int().optional(),
})
export type RateLimitWindow = z.infer<typeof RateLimitWindow>

export const Credits = z.object({
  has_credits: z.boolean(),
  unlimited: z.boolean(),
  balance: z.string().nullable().optional(),
})

export const RateLimitSnapshot = z.object({
  limit_id: z.string().optional(),
  limit_name: z.string().nullable().optional(),
  primary: RateLimitWindow.optional(),
  secondary: RateLimitWindow.optional(),
  credits: Credits.optional(),
  plan_type: z.string().optional(),
})
export type RateLimitSnapshot = z.infer<typeof RateLimitSnapshot>

/** The `codex.rate_limits` WebSocket event (§3.2). */
const WireWindow = z.looseObject({
  used_percent: z.number(),
  window_minutes: z.number().int().optional().nullable(),
  reset_at: z.number().int().optional().nullable(),
})
export const CodexRateLimitsEvent = z.looseObject({
  type: z.literal('codex.rate_limits'),
  plan_type: z.string().optional().nullable(),
  metered_limit_name: z.string().optional().nullable(),
  limit_name: z.string().optional().nullable(),
  rate_limits: z
    .looseObject({
      allowed: z.boolean().optional(),
      limit_reached: z.boolean().optional(),
      primary: WireWindow.optional().nullable(),
      secondary: WireWindow.optional().nullable(),
    })
    .optional()
    .nullable(),
  credits: z
    .looseObject({
      has_credits: z.boolean(),
      unlimited: z.boolean(),
      balance: z.string().optional().nullable(),
    })
    .optional()
    .nullable(),
})
export type CodexRateLimitsEvent = z.infer<typeof CodexRateLimitsEvent>
