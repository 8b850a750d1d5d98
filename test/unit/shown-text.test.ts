import { describe, it, expect } from 'vitest'
import { ShownText } from '../../main/core/shown-text'

const words = Array.from({ length: 1500 }, (_, i) => `w${i} `)
const full = words.join('')

describe('ShownText: what the user saw, across retries', () => {
  it('keeps long answers whole across block joins and confirms the final text without a reset', () => {
    const s = new ShownText()
    const m = s.open()
    for (const w of words) expect(s.delta(m, w)).toEqual({ kind: 'delta', delta: w })
    expect(s.textAt(0)).toBe(full)
    expect(s.finish(m, full)).toBeNull()
    expect(s.textAt(0)).toBe(full)
  })

  it('a retry replaying the same words emits only what is new', () => {
    const s = new ShownText()
    const first = s.open()
    for (const w of words.slice(0, 900)) s.delta(first, w)
    s.newAttempt()
    const again = s.open()
    expect(again.replaying).toBe(true)
    const out = words.map((w) => s.delta(again, w)).filter((e) => e !== null)
    expect(out.map((e) => (e?.kind === 'delta' ? e.delta : '')).join('')).toBe(words.slice(900).join(''))
    expect(s.finish(again, full)).toBeNull()
  })

  it('a retry that diverges resets the text; a final text that differs from the deltas wins', () => {
    const s = new ShownText()
    const first = s.open()
    s.delta(first, 'Alpha beta')
    s.newAttempt()
    const again = s.open()
    expect(s.delta(again, 'Gamma')).toEqual({ kind: 'reset', text: 'Gamma' })
    expect(s.finish(again, 'Gamma delta')).toEqual({ kind: 'delta', delta: ' delta' })
    const t = new ShownText()
    const m = t.open()
    t.delta(m, 'abc')
    expect(t.finish(m, 'xyz')).toEqual({ kind: 'reset', text: 'xyz' })
  })
})
