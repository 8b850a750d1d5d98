// The conversation: a virtualised feed of finished rows (only what is near the viewport is in the
// DOM, so a 1,000-turn conversation opens as fast as a short one), then the live turn outside the
// list. The view sticks to the bottom while the user is there; scrolling up releases it.
import { useCallback, useEffect, useLayoutEffect, useRef, type ReactNode } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { Row } from '../state/rows'
import type { LiveTurn } from '../state/chat-state'
import { RowView, type RowActions } from './RowView'
import { LiveTurnView } from './LiveTurn'
import { useT } from '../i18n/use-t'

const PIN_SLACK_PX = 48

/** A first guess of a row's height; rows are measured once rendered. */
export function estimateRow(row: Row): number {
  switch (row.kind) {
    case 'user':
      return 56 + Math.ceil(row.text.length / 70) * 22
    case 'assistant': {
      const fences = row.text.split('```').length - 1
      return 32 + Math.ceil(row.text.length / 90) * 24 + fences * 30
    }
    default:
      return 64
  }
}

interface Props {
  conversationKey: string
  rows: Row[]
  loaded: boolean
  live: LiveTurn | null
  actions: RowActions
  empty?: ReactNode
}

export function ConversationView({ conversationKey, rows, loaded, live, actions, empty }: Props) {
  const t = useT()
  const scroller = useRef<HTMLDivElement>(null)
  const content = useRef<HTMLDivElement>(null)
  const pinned = useRef(true)

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => estimateRow(rows[i]!),
    getItemKey: (i) => rows[i]!.id,
    overscan: 4,
  })

  const toBottom = useCallback(() => {
    const el = scroller.current
    if (el) el.scrollTop = el.scrollHeight
  }, [])

  // A new conversation opens at its end.
  useLayoutEffect(() => {
    pinned.current = true
    if (rows.length) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' })
    toBottom()
  }, [conversationKey, loaded])

  // Content grew (a streamed frame, a measured row): follow it if the user is at the bottom.
  // One scroll write per layout change, after layout and before paint.
  useEffect(() => {
    const el = content.current
    if (!el) return
    const ro = new ResizeObserver(() => {
      if (pinned.current) toBottom()
    })
    ro.observe(el)
    return () => ro.disconnect()
  }, [toBottom])

  // Only a move up releases the view: a block that grows at once (a diagram or formulas drawn
  // between two frames) can put the bottom far below before the next follow, and must not.
  const lastTop = useRef(0)
  const onScroll = () => {
    const el = scroller.current
    if (!el) return
    if (el.scrollHeight - el.scrollTop - el.clientHeight < PIN_SLACK_PX) pinned.current = true
    else if (el.scrollTop < lastTop.current) pinned.current = false
    lastTop.current = el.scrollTop
  }

  const items = virtualizer.getVirtualItems()
  const showEmpty = rows.length === 0 && !live && loaded
  return (
    <div className="scroller" ref={scroller} onScroll={onScroll} data-testid="scroller">
      <div className="content" ref={content}>
        {showEmpty && empty}
        {/* A feed must hold articles: without rows it is a plain box (axe: aria-required-children). */}
        <div
          className="feed"
          role={rows.length ? 'feed' : undefined}
          aria-label={rows.length ? t('conversation.label') : undefined}
          aria-busy={rows.length ? !loaded : undefined}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((vi) => (
            <article
              key={vi.key}
              data-index={vi.index}
              ref={virtualizer.measureElement}
              className="vrow"
              aria-posinset={vi.index + 1}
              aria-setsize={rows.length}
              style={{ transform: `translateY(${vi.start}px)` }}
            >
              <RowView row={rows[vi.index]!} actions={actions} />
            </article>
          ))}
        </div>
        {live && <LiveTurnView live={live} actions={actions} />}
      </div>
    </div>
  )
}
