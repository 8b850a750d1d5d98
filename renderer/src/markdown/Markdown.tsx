// A message body: completed blocks (memoised by source, parsed once through the block cache) and
// a tail that is re-parsed on each commit while it grows. Used for finished messages and for the
// streaming one, so a block parsed during streaming is a cache hit when the message is finished.
import { memo, useEffect, useMemo, type ReactNode } from 'react'
import { splitBlocks, type Split } from './blocks'
import { blockCache, cached } from './block-cache'
import { renderMarkdown } from './render'
import { CodeBlock } from './CodeBlock'
import { holdHeavyRenders } from './render-gate'

const Block = memo(function Block({ src }: { src: string }) {
  return <>{cached(blockCache, src, renderMarkdown)}</>
})

const OPEN_FENCE = /^ {0,3}(`{3,}|~{3,})([^\n`]*)\n([\s\S]*)$/

/** The growing tail: an unfinished code fence is shown as plain code (highlighted once closed). */
function Tail({ src }: { src: string }) {
  const fence = OPEN_FENCE.exec(src)
  if (fence) {
    // A closing fence that has arrived without its newline yet is not code.
    const code = fence[3]!.replace(/\n? {0,3}(`{3,}|~{3,})\s*$/, '').replace(/\n$/, '')
    return <CodeBlock code={code} lang={fence[2]!.trim()} streaming />
  }
  return <>{renderMarkdown(src)}</>
}

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const blocks = useMemo(() => splitBlocks(text), [text])
  return (
    <div className="md">
      {blocks.map((b, i) => (
        <Block key={i} src={b} />
      ))}
    </div>
  )
})

/** Completed blocks are rendered in groups; a full group never renders again. */
const GROUP = 16

const FrozenGroup = memo(
  function FrozenGroup({ blocks, start, end }: { blocks: readonly string[]; start: number; end: number }) {
    const out = []
    for (let i = start; i < end; i++) out.push(<Block key={i} src={blocks[i]!} />)
    // Off screen, the browser skips the group (layout, paint, hit testing): without that, every
    // frame of a long answer full of typeset formulas repainted all of them (long tasks).
    return <div className="md-group">{out}</div>
  },
  // The blocks array grows in place and completed blocks never change: the range decides.
  (a, b) => a.start === b.start && a.end === b.end && a.blocks === b.blocks,
)

/**
 * Blocks of a message being streamed (or just finished): a commit re-renders the tail and at most
 * one group of completed blocks, not every block. `done`: the text is final, so the tail is a
 * finished block too (cached, highlighted).
 */
export function SplitMarkdown({
  split,
  done = false,
  liveTail,
}: {
  split: Split
  done?: boolean
  /** While streaming: an element whose content the caller draws itself (see tail-dom.ts). */
  liveTail?: ReactNode
}) {
  const { blocks, tail } = split
  const streaming = liveTail !== undefined
  // Formulas completed while this message streams are typeset in idle time (see render-gate.ts).
  useEffect(() => (streaming ? holdHeavyRenders() : undefined), [streaming])
  const groups = []
  for (let start = 0; start < blocks.length; start += GROUP)
    groups.push(
      <FrozenGroup
        key={`g${start}`}
        blocks={blocks}
        start={start}
        end={Math.min(blocks.length, start + GROUP)}
      />,
    )
  return (
    <div className="md">
      {groups}
      {liveTail ??
        (tail.trim() !== '' &&
          (done ? (
            <Block key={`b${blocks.length}`} src={tail.replace(/\s+$/, '')} />
          ) : (
            <Tail key={`t${blocks.length}`} src={tail} />
          )))}
    </div>
  )
}
