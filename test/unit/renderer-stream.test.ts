// Deltas are coalesced outside React: many deltas in one frame are one flush and one notification.
import { describe, expect, it } from 'vitest'
import { FrameCoalescer } from '../../renderer/src/stream/coalescer'
import { StreamStore } from '../../renderer/src/stream/stream-store'

function manualFrames() {
  const queue: (() => void)[] = []
  return {
    schedule: (cb: () => void) => queue.push(cb),
    frame: () => queue.splice(0).forEach((cb) => cb()),
    pending: () => queue.length,
  }
}

describe('frame coalescer', () => {
  it('flushes at most once per frame, joining every delta of the frame', () => {
    const f = manualFrames()
    const out: string[] = []
    const c = new FrameCoalescer((t) => out.push(t), f.schedule)
    for (const d of ['a', 'b', 'c']) c.push(d)
    expect(f.pending()).toBe(1)
    expect(out).toEqual([])
    f.frame()
    expect(out).toEqual(['abc'])
    c.push('d')
    f.frame()
    f.frame() // nothing new: no flush
    expect(out).toEqual(['abc', 'd'])
    expect({ received: c.received, flushes: c.flushes }).toEqual({ received: 4, flushes: 2 })
  })

  it('discards what was not shown yet', () => {
    const f = manualFrames()
    const out: string[] = []
    const c = new FrameCoalescer((t) => out.push(t), f.schedule)
    c.push('x')
    c.discard()
    f.frame()
    expect(out).toEqual([])
  })
})

describe('stream store', () => {
  it('notifies subscribers once per frame with the whole text so far', () => {
    const f = manualFrames()
    const store = new StreamStore(f.schedule)
    let notified = 0
    store.subscribe('t1', () => notified++)
    for (let i = 0; i < 200; i++) store.append('t1', `${i} `)
    f.frame()
    expect(notified).toBe(1)
    expect(store.text('t1').startsWith('0 1 2 ')).toBe(true)
    store.append('t1', 'end')
    f.frame()
    expect(notified).toBe(2)
    expect(store.text('t1').endsWith('199 end')).toBe(true)
  })

  it('replace and clear act at once; other turns are independent', () => {
    const f = manualFrames()
    const store = new StreamStore(f.schedule)
    store.append('a', 'hello')
    store.replace('a', 'reset text')
    f.frame()
    expect(store.text('a')).toBe('reset text')
    store.append('b', 'other')
    store.flush('b')
    store.clear('a')
    expect(store.text('a')).toBe('')
    expect(store.text('b')).toBe('other')
    expect(store.stats('b')).toEqual({ received: 1, flushes: 1 })
  })
})
