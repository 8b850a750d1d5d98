// A proxy handshake that answers after its deadline: the caller gets the timeout error and the
// late socket is destroyed, not leaked.
import { describe, expect, it, vi } from 'vitest'
import { PassThrough } from 'node:stream'
import { withHandshakeTimeout } from '../../main/core/net/handshake'

describe('withHandshakeTimeout', () => {
  it('destroys a socket that arrives after the deadline', async () => {
    vi.useFakeTimers()
    try {
      let deliver!: (s: PassThrough) => void
      const connecting = new Promise<PassThrough>((r) => (deliver = r))
      const result = withHandshakeTimeout(connecting, 1000)
      const caught = result.catch((e: Error) => e)
      vi.advanceTimersByTime(1000)
      expect(((await caught) as Error).message).toMatch(/no answer within 1000 ms/)
      const late = new PassThrough()
      deliver(late)
      await connecting
      await Promise.resolve()
      expect(late.destroyed).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('an answer in time is returned and left open', async () => {
    const socket = new PassThrough()
    expect(await withHandshakeTimeout(Promise.resolve(socket), 1000)).toBe(socket)
    expect(socket.destroyed).toBe(false)
    socket.destroy()
  })
})
