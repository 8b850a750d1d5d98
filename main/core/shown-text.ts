// What the user has seen of each assistant message in a turn, across retried attempts, so a
// retry that replays the same words emits nothing twice and one that diverges resets the text.
// The live path only pushes each delta onto an array: joining happens when text is needed.

export interface LiveMessage {
  readonly index: number
  /** Text so far: `blocks` (joined runs of deltas) then `parts` (the latest deltas). */
  blocks: string[]
  parts: string[]
  /** A retry is re-sending a message an earlier attempt already showed (part of). */
  replaying: boolean
  replayText: string
}

export type Emission = { kind: 'delta'; delta: string } | { kind: 'reset'; text: string } | null

export class ShownText {
  private readonly slots: (string | LiveMessage | undefined)[] = []
  private next = 0

  /** A new attempt: live messages freeze into the text shown so far; positions restart. */
  newAttempt(): void {
    for (let i = 0; i < this.slots.length; i++) this.slots[i] = this.textAt(i)
    this.next = 0
  }

  textAt(index: number): string {
    const s = this.slots[index]
    return s === undefined ? '' : typeof s === 'string' ? s : s.blocks.join('') + s.parts.join('')
  }

  open(): LiveMessage {
    const index = this.next++
    const replaying = this.textAt(index).length > 0
    const m: LiveMessage = { index, blocks: [], parts: [], replaying, replayText: '' }
    if (!replaying) this.slots[index] = m
    return m
  }

  delta(m: LiveMessage, delta: string): Emission {
    if (!m.replaying) {
      pushDelta(m, delta)
      return { kind: 'delta', delta }
    }
    m.replayText += delta
    const shown = this.textAt(m.index)
    if (m.replayText.length <= shown.length && shown.startsWith(m.replayText)) return null
    m.replaying = false
    m.blocks = []
    m.parts = [m.replayText]
    this.slots[m.index] = m
    return m.replayText.startsWith(shown)
      ? { kind: 'delta', delta: m.replayText.slice(shown.length) }
      : { kind: 'reset', text: m.replayText }
  }

  /** The message's item is done with `text`: make what is shown equal it. */
  finish(m: LiveMessage, text: string): Emission {
    if (!m.replaying && partsEqual(m, text)) {
      this.slots[m.index] = text
      return null
    }
    const shown = this.textAt(m.index)
    this.slots[m.index] = text
    if (shown === text) return null
    if (shown === '') return { kind: 'delta', delta: text }
    return text.startsWith(shown) && !m.replaying
      ? { kind: 'delta', delta: text.slice(shown.length) }
      : { kind: 'reset', text }
  }
}

/**
 * Record a delta. Every BLOCK deltas are joined into one string, so a long answer keeps a few
 * hundred flat strings alive instead of one small string per token (cheaper garbage collection).
 */
const BLOCK = 512
export function pushDelta(m: LiveMessage, delta: string): void {
  const parts = m.parts
  parts.push(delta)
  if (parts.length === BLOCK) {
    m.blocks.push(parts.join(''))
    parts.length = 0
  }
}

/** Whether the deltas add up to `text`, without joining them. */
function partsEqual(m: LiveMessage, text: string): boolean {
  let at = 0
  for (const list of [m.blocks, m.parts]) {
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!
      if (!text.startsWith(p, at)) return false
      at += p.length
    }
  }
  return at === text.length
}
