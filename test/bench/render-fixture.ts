// The streamed answer of the renderer bench: ~20,000 deltas (one token each) with 40 code blocks,
// headings, lists and paragraphs. Prose tokens are `w<N> ` where N is the delta's index, so the
// bench can tell when each delta reached the screen. Pure: used by Node and by the bench page.

export interface RenderFixture {
  deltas: string[]
  text: string
}

const CODE_LINES = [
  'export function step(state: State, input: Input): State {',
  '  const next = { ...state, count: state.count + 1 }',
  '  if (input.kind === "reset") return initial',
  '  for (const item of input.items) next.total += item.value * 2',
  '  return next // keep it pure',
  '}',
]

export function renderFixture(sections = 40, perSection = 500): RenderFixture {
  const deltas: string[] = []
  const prose = (n: number, end = '') => {
    for (let i = 0; i < n; i++) deltas.push(`w${deltas.length}${i === n - 1 ? end : ' '}`)
  }
  for (let s = 0; s < sections; s++) {
    const start = deltas.length
    deltas.push(`## Section ${s + 1}\n\n`)
    prose(140, '.\n\n')
    for (let item = 0; item < 5; item++) {
      deltas.push('- ')
      prose(9, '\n')
    }
    deltas.push('\n')
    // Code: about one token per delta, the fence opening and closing as their own deltas.
    deltas.push('```ts\n')
    for (const line of CODE_LINES) {
      for (const tok of line.match(/.{1,4}/g) ?? []) deltas.push(tok)
      deltas.push('\n')
    }
    deltas.push('```\n\n')
    const used = deltas.length - start
    prose(Math.max(1, perSection - used), '.\n\n')
  }
  return { deltas, text: deltas.join('') }
}

/** The delta index a prose token carries (`w123` → 123), for token-to-pixel matching. */
export const MARKER = /w(\d+)/g
