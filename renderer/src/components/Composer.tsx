// The composer: Enter sends, Shift+Enter adds a line, Esc (or Stop) interrupts. The draft belongs
// to the conversation (DraftStore) and survives switching, reloading and failed sends.
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { SendIcon, StopIcon } from './icons'
import type { DraftStore } from '../state/drafts'
import { useT } from '../i18n/use-t'

interface Props {
  conversationId: string | null
  drafts: DraftStore
  running: boolean
  onSend: (text: string) => void
  onStop: () => void
  /** The model picker (lives in the composer's toolbar). */
  tools?: ReactNode
  /** Bumped to move the focus here (new chat). */
  focusSignal?: number
  /** Shown above the text (attachments waiting to be sent). */
  above?: ReactNode
  /** Sending waits (an attachment is still being stored, or the model cannot take one). */
  blocked?: boolean
  /** Dictated text to add to the draft (a new `n` each time); never sent by itself. */
  insert?: { text: string; n: number } | null
  /** Attachments wait to be sent: Send works without text too. */
  hasAttachments?: boolean
}

const MAX_HEIGHT_PX = 240

export function Composer({
  conversationId,
  drafts,
  running,
  onSend,
  onStop,
  tools,
  focusSignal = 0,
  above,
  blocked = false,
  insert = null,
  hasAttachments = false,
}: Props) {
  const t = useT()
  const [text, setText] = useState(() => drafts.get(conversationId))
  const ref = useRef<HTMLTextAreaElement>(null)

  // Another conversation: show its draft.
  useEffect(() => {
    setText(drafts.get(conversationId))
    ref.current?.focus()
  }, [conversationId, drafts, focusSignal])

  // Grow with the text up to a limit (style set through the CSSOM, which the CSP allows).
  useEffect(() => {
    const el = ref.current
    if (!el) return
    el.style.height = 'auto'
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`
  }, [text])

  const update = (v: string) => {
    setText(v)
    drafts.set(conversationId, v)
  }

  // Dictation: appended to what is typed, ready to edit.
  useEffect(() => {
    if (!insert) return
    const current = drafts.get(conversationId)
    const next = current && !/\s$/.test(current) ? `${current} ${insert.text}` : current + insert.text
    setText(next)
    drafts.set(conversationId, next)
    ref.current?.focus()
    // Only a new dictation inserts; switching conversations must not repeat it.
  }, [insert?.n])

  const send = () => {
    const t = text.trim()
    if ((!t && !hasAttachments) || running || blocked) return
    update('')
    onSend(t)
  }

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault()
        send()
      }}
    >
      {above}
      <textarea
        ref={ref}
        aria-label={t('composer.message')}
        rows={1}
        value={text}
        placeholder={t('composer.placeholder')}
        aria-describedby="composer-hint"
        onChange={(e) => update(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault()
            send()
          } else if (e.key === 'Escape' && running) {
            e.preventDefault()
            onStop()
          }
        }}
      />
      <div className="composer-bar">
        <span id="composer-hint" className="hint">
          {t('composer.hint')}
          {running ? t('composer.hintStop') : ''}
        </span>
        {tools}
        {running ? (
          <button
            type="button"
            className="btn icon-btn stop"
            onClick={onStop}
            aria-label={t('composer.stop')}
            title={t('composer.stopTitle')}
          >
            <StopIcon />
          </button>
        ) : (
          <button
            type="submit"
            className="btn icon-btn primary"
            disabled={(!text.trim() && !hasAttachments) || blocked}
            aria-label={t('composer.send')}
            title={t('composer.sendTitle')}
          >
            <SendIcon />
          </button>
        )}
      </div>
    </form>
  )
}
