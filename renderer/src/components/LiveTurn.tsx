// The turn being answered, outside the virtualised list: the question, its parts, the live
// reasoning status line, and an error with Retry. A streaming message and the finished message
// that replaces it are the same component under the same key, so finishing a long answer keeps
// its DOM (no remount of thousands of nodes at the end of a stream).
import {
  memo,
  useCallback,
  useLayoutEffect,
  useRef,
  useSyncExternalStore,
  type ReactNode,
  type RefObject,
} from 'react'
import type { LiveTurn } from '../state/chat-state'
import type { Phase } from '@shared/wire/items'
import type { Row } from '../state/rows'
import { streams } from '../stream/stream-store'
import { SplitMarkdown } from '../markdown/Markdown'
import { ReadAloudButton } from '../voice/ReadAloudButton'
import { BlockSplitter } from '../markdown/blocks'
import { drawTail } from '../markdown/tail-dom'
import { ErrorView, RowView, type RowActions } from './RowView'
import { AttachmentThumbs } from '../attachments/Thumbs'
import { Sources } from './Sources'
import { citeMarkdown } from '../state/citations'
import { useT } from '../i18n/use-t'

type AssistantRow = Extract<Row, { kind: 'assistant' }>

/**
 * Feeds the splitter from the stream store once per frame and draws the tail into `tail` right
 * there; React re-renders only when a block completes (or the text restarts), not every frame.
 */
function useStreamedBlocks(
  turnId: string | null,
  splitter: BlockSplitter,
  tail: RefObject<HTMLDivElement | null>,
) {
  const version = useRef(0)
  const subscribe = useCallback(
    (notify: () => void) => {
      if (turnId === null) return () => undefined
      return streams.subscribe(turnId, () => {
        const { blocks, generation } = splitter
        const n = blocks.length
        const was = splitter.tail
        const snap = streams.get(turnId)
        splitter.pushChunks(snap.chunks, snap.count)
        if (tail.current) drawTail(tail.current, splitter.tail)
        const empty = (s: string, k: number) => k === 0 && s === ''
        if (
          blocks.length !== n ||
          splitter.generation !== generation ||
          empty(was, n) !== empty(splitter.tail, blocks.length)
        ) {
          version.current++
          notify()
        }
      })
    },
    [turnId, splitter, tail],
  )
  useSyncExternalStore(subscribe, () => version.current)
  // Catch up when (re)rendered: chunks that arrived before this component subscribed.
  if (turnId !== null) {
    const snap = streams.get(turnId)
    splitter.pushChunks(snap.chunks, snap.count)
  }
  useLayoutEffect(() => {
    if (turnId !== null && tail.current) drawTail(tail.current, splitter.tail)
  })
}

/** One assistant message of the live turn: streamed until `row` (its final text) arrives. */
const LivePart = memo(function LivePart({
  turnId,
  row,
  streamingPhase = null,
}: {
  turnId: string
  row: AssistantRow | null
  /** While streaming: the phase announced when the message started. */
  streamingPhase?: Phase | null
}) {
  // One splitter for the message's life: fed while streaming, then the final text (which extends
  // what streamed), so the completed blocks and their DOM carry over.
  const splitter = useRef<BlockSplitter | null>(null)
  splitter.current ??= new BlockSplitter()
  const tail = useRef<HTMLDivElement>(null)
  const t = useT()
  useStreamedBlocks(row ? null : turnId, splitter.current, tail)
  const cited = row?.citations ? citeMarkdown(row.text, row.citations) : null
  const split = row ? splitter.current.update(cited ? cited.text : row.text) : splitter.current
  if (split.blocks.length === 0 && split.tail === '') return null
  const phase = row ? row.phase : (streamingPhase ?? undefined)
  const cls = `msg assistant${phase === 'commentary' ? ' commentary' : ''}${row?.partial ? ' partial' : ''}${row ? '' : ' streaming'}`
  return (
    <div
      className={cls}
      data-role="assistant"
      data-phase={phase ?? 'none'}
      data-streaming={row ? undefined : 'true'}
    >
      <div className="text">
        <SplitMarkdown
          split={split}
          done={row !== null}
          liveTail={row ? undefined : <div key="live-tail" ref={tail} className="md-tail" />}
        />
      </div>
      {cited && <Sources sources={cited.sources} />}
      {row?.partial && <p className="stopped">{t('live.cutShort')}</p>}
      {row && <ReadAloudButton id={row.id} text={row.text} />}
    </div>
  )
})

export const LiveTurnView = memo(function LiveTurnView({
  live,
  actions,
}: {
  live: LiveTurn
  actions: RowActions
}) {
  const t = useT()
  const running = live.state === 'running'
  const turnId = live.turnId ?? 'pending'
  const parts: ReactNode[] = []
  let n = 0
  for (const r of live.rows) {
    if (r.kind === 'assistant') parts.push(<LivePart key={`part${n++}`} turnId={turnId} row={r} />)
    else parts.push(<RowView key={r.id} row={r} actions={actions} />)
  }
  if (running)
    parts.push(<LivePart key={`part${n}`} turnId={turnId} row={null} streamingPhase={live.streamingPhase} />)
  return (
    <div className="live-turn" data-state={live.state}>
      {live.question !== null && (
        <div className="msg user" data-role="user">
          <AttachmentThumbs items={live.attachments} />
          {live.question && <div className="text">{live.question}</div>}
        </div>
      )}
      {/* The live region: polite, and busy while text streams so it is read once, not per word. */}
      <div
        className="live-answer"
        role="log"
        aria-label={t('live.answer')}
        aria-live="polite"
        aria-busy={live.streaming}
      >
        {parts}
      </div>
      {running && (
        <p className="status-line" role="status" data-testid="reasoning-status">
          {live.status ? (
            <>
              <span className="dot" aria-hidden="true" />
              {live.status}
            </>
          ) : !live.streaming ? (
            <span className="waiting">
              <span className="dot" aria-hidden="true" />
              {live.turnId ? t('live.working') : t('live.sending')}
            </span>
          ) : null}
        </p>
      )}
      {live.state === 'interrupted' && live.rows.at(-1)?.kind !== 'assistant' && (
        <p className="stopped">{t('live.stopped')}</p>
      )}
      {live.error && (
        <ErrorView
          message={live.error.message}
          code={live.error.code}
          retryText={live.question ?? undefined}
          onRetry={actions.onRetry}
          onCompactRetry={actions.onCompactRetry}
        />
      )}
    </div>
  )
})
