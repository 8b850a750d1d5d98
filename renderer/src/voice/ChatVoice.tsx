// Voice in the chat window: the composer's microphone starts a voice conversation in the open
// conversation (its history is the context; both sides' transcripts land in it). The engine runs
// one voice session at a time, so starting here while voice runs in another conversation (or the
// quick window) asks first. The panel stays mounted while voice is live, whatever is shown.
import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import { bridge } from '../bridge'
import { useRunningVoice, useTranscriptReload } from './running-voice'
import { useT } from '../i18n/use-t'

const VoicePanel = lazy(() => import('./VoicePanel').then((m) => ({ default: m.VoicePanel })))

interface Props {
  conversationId: string | null
  /** Bumped by the composer's microphone button. */
  request: number
  /** A transcript of `id` landed in its history (reload it; show it if it is a new chat's). */
  onTranscript: (id: string) => void
}

export function ChatVoice({ conversationId, request, onTranscript }: Props) {
  const running = useRunningVoice(bridge)
  const [open, setOpen] = useState(false)
  const [target, setTarget] = useState<string | null>(null)
  const [signal, setSignal] = useState(0)
  const [confirm, setConfirm] = useState<string | null>(null)
  const current = useRef(conversationId)
  current.current = conversationId

  useEffect(() => {
    if (request === 0) return
    const here = current.current ?? crypto.randomUUID()
    setOpen(true)
    if (running === here) return
    if (running) return setConfirm(here)
    setTarget(here)
    setSignal((n) => n + 1)
    // `running` is read at the click, not followed: a later start elsewhere must not re-run this.
  }, [request])

  useTranscriptReload(bridge, target, onTranscript)

  const t = useT()
  const move = () => {
    if (!confirm) return
    setTarget(confirm)
    setConfirm(null)
    setSignal((n) => n + 1)
  }
  const liveHere = running !== null && running === target
  if (!open && !liveHere) return null
  return (
    <div className="chat-voice">
      {confirm && (
        <div className="voice-confirm" role="alertdialog" aria-label={t('voice.elsewhereTitle')}>
          <p>{t('voice.elsewhereAsk')}</p>
          <button type="button" className="btn primary small" onClick={move}>
            {t('voice.moveHere')}
          </button>
          <button type="button" className="btn ghost small" onClick={() => setConfirm(null)}>
            {t('voice.keepThere')}
          </button>
        </div>
      )}
      {target && target !== conversationId && liveHere && (
        <p className="hint voice-elsewhere">{t('voice.elsewhereHint')}</p>
      )}
      <Suspense fallback={null}>
        <VoicePanel
          bridge={bridge}
          conversationId={target ?? undefined}
          startSignal={signal}
          compact
          onClose={() => setOpen(false)}
        />
      </Suspense>
    </div>
  )
}
