// The chat column: messages, the live status line, the usage line and the composer.
import { useEffect, useRef, useState, type Dispatch } from 'react'
import type { RateLimitSnapshot } from '@shared/wire/rate-limits'
import { bridge } from './bridge'
import type { ChatAction, ChatState } from './chat-state'

interface Props {
  chat: ChatState
  dispatch: Dispatch<ChatAction>
  onStarted: (conversationId: string) => void
}

function windowLabel(minutes: number | undefined): string {
  if (!minutes) return 'limit'
  if (minutes % 10080 === 0) return minutes === 10080 ? 'weekly limit' : `${minutes / 10080}-week limit`
  if (minutes % 1440 === 0) return `${minutes / 1440}-day limit`
  if (minutes % 60 === 0) return `${minutes / 60} h limit`
  return `${minutes} min limit`
}

export function resetsIn(resetsAt: number | undefined, now = Date.now()): string {
  if (!resetsAt) return ''
  const min = Math.max(0, Math.round((resetsAt * 1000 - now) / 60000))
  const d = Math.floor(min / 1440)
  const h = Math.floor((min % 1440) / 60)
  const m = min % 60
  return ` · resets in ${d ? `${d} d ` : ''}${h || d ? `${h} h ` : ''}${d ? '' : `${m} min`}`.trimEnd()
}

function usageLines(limits: Record<string, RateLimitSnapshot>): string[] {
  const out: string[] = []
  for (const snap of Object.values(limits))
    for (const w of [snap.primary, snap.secondary])
      if (w)
        out.push(
          `${windowLabel(w.window_minutes)}: ${Math.round(w.used_percent)}% used${resetsIn(w.resets_at)}`,
        )
  return out
}

export function Chat({ chat, dispatch, onStarted }: Props) {
  const [draft, setDraft] = useState('')
  const listRef = useRef<HTMLOListElement>(null)

  useEffect(() => {
    const el = listRef.current
    if (el) el.scrollTop = el.scrollHeight
  }, [chat.messages])

  const send = () => {
    const text = draft.trim()
    if (!text || chat.running) return
    const conversationId = chat.conversationId ?? crypto.randomUUID()
    onStarted(conversationId)
    dispatch({ type: 'user_sent', conversationId, text })
    setDraft('')
    bridge.submit({ type: 'user_turn', conversationId, text }).catch((e: Error) => {
      dispatch({ type: 'send_failed', message: e.message })
      setDraft(text) // nothing typed is lost
    })
  }

  const stop = () => {
    if (chat.conversationId) void bridge.submit({ type: 'interrupt', conversationId: chat.conversationId })
  }

  const usage = usageLines(chat.rateLimits)
  return (
    <section className="chat" aria-label="Chat">
      <ol className="messages" ref={listRef} aria-live="polite">
        {chat.messages.length === 0 && <li className="empty">Ask anything. Answers stream in here.</li>}
        {chat.messages.map((m) => (
          <li
            key={m.id}
            className={`msg ${m.role}${m.phase === 'commentary' ? ' commentary' : ''}`}
            data-role={m.role}
          >
            <span className="who">
              {m.role === 'user'
                ? 'You'
                : m.role === 'assistant'
                  ? 'Assistant'
                  : m.role === 'notice'
                    ? 'Notice'
                    : 'Error'}
            </span>
            <div className="text">
              {m.text}
              {m.streaming && <span className="cursor" aria-hidden="true" />}
            </div>
          </li>
        ))}
      </ol>
      {chat.status && (
        <p className="status" role="status">
          {chat.status}
        </p>
      )}
      {usage.length > 0 && (
        <p className="usage" aria-label="Usage">
          {usage.join('  ·  ')}
        </p>
      )}
      <form
        className="composer"
        onSubmit={(e) => {
          e.preventDefault()
          send()
        }}
      >
        <textarea
          aria-label="Message"
          value={draft}
          placeholder="Message the assistant (Enter sends, Shift+Enter adds a line)"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault()
              send()
            }
          }}
        />
        {chat.running ? (
          <button type="button" onClick={stop}>
            Stop
          </button>
        ) : (
          <button type="submit" disabled={!draft.trim()}>
            Send
          </button>
        )}
      </form>
    </section>
  )
}
