// A proxy handshake with a deadline. The agents cannot be cancelled, so when the deadline wins the
// handshake keeps going; a socket it still delivers is destroyed instead of leaking.
import type { Duplex } from 'node:stream'

export function withHandshakeTimeout<T extends Duplex>(connecting: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  let timedOut = false
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true
      reject(new Error(`no answer within ${ms} ms`))
    }, ms)
  })
  connecting.then(
    (socket) => {
      if (timedOut) socket.destroy()
    },
    () => {},
  )
  return Promise.race([connecting, deadline]).finally(() => clearTimeout(timer))
}
