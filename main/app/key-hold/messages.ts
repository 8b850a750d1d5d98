// The two directions between main and the key-hook process, each checked on arrival: the hook
// process is native code we do not control, so its messages are input like any other.
import { z } from 'zod'

export const ToHook = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('watch'),
    keycode: z.number().int().nonnegative(),
    mods: z.strictObject({ ctrl: z.boolean(), alt: z.boolean(), shift: z.boolean(), meta: z.boolean() }),
  }),
])
export type ToHook = z.infer<typeof ToHook>

export const FromHook = z.discriminatedUnion('type', [
  /** The native hook is running and watching the key. */
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('down') }),
  z.strictObject({ type: z.literal('up') }),
  /** The native hook refused to start (a thrown error; an abort shows up as the process exiting). */
  z.strictObject({ type: z.literal('failed'), message: z.string().max(500) }),
])
export type FromHook = z.infer<typeof FromHook>
