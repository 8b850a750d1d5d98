// The voice panel (quick window): start/stop, hands-free or push-to-talk, a level meter, live
// transcripts of both sides, and a clear message when the microphone cannot be used. The voice
// and push-to-talk hotkeys reach it through `VoiceCommands`; what they do is VoiceSession's.
import { useEffect, useRef, useState } from 'react'
import type { AssistantBridge, HotkeyStatus } from '@shared/bridge'
import type { RealtimeMode } from '@shared/realtime'
import type { VoiceCommands } from './voice-commands'
import { VoiceSession, initialVoiceState, type VoiceState } from './voice-session'
import './voice.css'
import { useT } from '../i18n/use-t'
import { tr } from '../i18n/intl'

const PROMPT = 'You are a helpful voice assistant. Keep answers short and conversational.'

/**
 * What the status line says: the push-to-talk states spell out what the held key is doing.
 * `pressOnly`: the desktop cannot see the hotkey's release, so it is pressed again to send.
 */
function statusText(s: VoiceState, pressOnly: boolean): string {
  if (s.status === 'starting') {
    if (!s.pendingTalk) return tr('voice.starting')
    return pressOnly ? tr('voice.startingPress') : tr('voice.startingHold')
  }
  if (s.status === 'idle') return s.error ? '' : tr('voice.off')
  if (s.status !== 'live') return ''
  if (s.mode === 'vad') return s.speaking ? tr('voice.speakingVad') : tr('voice.listening')
  if (s.talking)
    return s.talkingVia === 'hotkey' && pressOnly ? tr('voice.listeningPress') : tr('voice.listeningRelease')
  return s.speaking ? tr('voice.speakingPtt') : tr('voice.ready')
}

/** Whether the push-to-talk hotkey fell back to press to talk, press again to send (main says so). */
function usePushToTalkPressOnly(bridge: AssistantBridge): boolean {
  const [pressOnly, setPressOnly] = useState(false)
  useEffect(() => {
    const apply = (all: HotkeyStatus[]) =>
      setPressOnly(all.some((h) => h.action === 'pushToTalk' && h.hold === false))
    bridge.query('hotkeys.status', {}).then(apply, () => undefined)
    return bridge.onEvent((e) => e.type === 'hotkeys_changed' && apply(e.status))
  }, [bridge])
  return pressOnly
}

export function VoicePanel({
  bridge,
  commands,
  conversationId,
  startSignal = 0,
  compact = false,
  onClose,
}: {
  bridge: AssistantBridge
  commands?: VoiceCommands | null
  /** The chat window: voice runs in this conversation (its history is the context). */
  conversationId?: string | undefined
  /** Bumped to (re)start voice in `conversationId`, replacing a session running elsewhere. */
  startSignal?: number
  /** The chat window: the conversation shows the transcripts; the panel only the last lines. */
  compact?: boolean
  onClose?: () => void
}) {
  const t = useT()
  const [state, setState] = useState<VoiceState>(initialVoiceState)
  const [mode, setMode] = useState<RealtimeMode>('vad')
  const session = useRef<VoiceSession | null>(null)
  if (!session.current) session.current = new VoiceSession(bridge, setState)
  const live = state.status === 'live'
  const busy = state.status === 'starting'
  // A running session shows its own mode (the push-to-talk hotkey starts one whatever is picked).
  const shownMode = live || busy ? state.mode : mode
  const modeRef = useRef(mode)
  modeRef.current = mode
  const pressOnly = usePushToTalkPressOnly(bridge)

  const start = () =>
    void session.current?.start({ mode, prompt: PROMPT, ...(conversationId ? { conversationId } : {}) })
  const target = useRef(conversationId)
  target.current = conversationId
  // The chat window's microphone button: start here, after ending a session in another conversation.
  useEffect(() => {
    if (startSignal === 0) return
    const s = session.current
    if (!s) return
    void (async () => {
      if (s.current.status === 'live' || s.current.status === 'starting') {
        if (s.current.conversationId === target.current) return
        await s.stop()
      }
      await s.start({
        mode: modeRef.current,
        prompt: PROMPT,
        ...(target.current ? { conversationId: target.current } : {}),
      })
    })()
  }, [startSignal])
  const stop = () => void session.current?.stop()

  useEffect(() => {
    // Latency samples for `npm run bench` (capture→socket, first audio→playback); no secrets.
    ;(window as { __voiceTimings?: unknown }).__voiceTimings = session.current?.timings
    const s = session.current
    return () => void s?.stop()
  }, [])

  // Hotkeys (Electron): the voice one toggles in the picked mode; push-to-talk holds.
  useEffect(
    () =>
      commands?.attach((c) => {
        const s = session.current
        if (!s) return
        if (c.type === 'hold') return s.hold(c.down, { prompt: PROMPT })
        if (c.type === 'press') return s.press({ prompt: PROMPT })
        if (s.current.status === 'live' || s.current.status === 'starting') void s.stop()
        else void s.start({ mode: modeRef.current, prompt: PROMPT })
      }),
    [commands],
  )

  // In-window push to talk: each of Space and the button releases only a press it made itself.
  const spaceHeld = useRef(false)
  const buttonHeld = useRef(false)
  useEffect(() => {
    if (!live || state.mode !== 'ptt') return
    const down = (e: KeyboardEvent) => {
      if (e.code === 'Space' && !e.repeat && !(e.target instanceof HTMLTextAreaElement)) {
        e.preventDefault()
        spaceHeld.current = true
        session.current?.pttPress()
      }
    }
    const up = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || !spaceHeld.current) return
      spaceHeld.current = false
      session.current?.pttRelease()
    }
    window.addEventListener('keydown', down)
    window.addEventListener('keyup', up)
    return () => {
      window.removeEventListener('keydown', down)
      window.removeEventListener('keyup', up)
    }
  }, [live, state.mode])
  const buttonDown = () => {
    buttonHeld.current = true
    session.current?.pttPress()
  }
  const buttonUp = () => {
    if (!buttonHeld.current) return
    buttonHeld.current = false
    session.current?.pttRelease()
  }

  return (
    <section className="voice-panel" aria-label={t('voice.panel')} data-status={state.status}>
      <div className="voice-controls">
        {live || busy ? (
          <button type="button" className="voice-stop" onClick={stop}>
            {t('voice.stop')}
          </button>
        ) : (
          <button type="button" className="voice-start" onClick={start}>
            {t('voice.start')}
          </button>
        )}
        {onClose && !live && !busy && (
          <button type="button" className="btn ghost small" onClick={onClose}>
            {t('voice.close')}
          </button>
        )}
        <fieldset className="voice-mode" disabled={live || busy}>
          <legend>{t('voice.mode')}</legend>
          <label>
            <input
              type="radio"
              name="voice-mode"
              checked={shownMode === 'vad'}
              onChange={() => setMode('vad')}
            />
            {t('voice.handsFree')}
          </label>
          <label>
            <input
              type="radio"
              name="voice-mode"
              checked={shownMode === 'ptt'}
              onChange={() => setMode('ptt')}
            />
            {t('voice.ptt')}
          </label>
        </fieldset>
      </div>

      <div
        className="voice-meter"
        role="meter"
        aria-label={t('voice.micLevel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.min(1, state.level * 4) * 100)}
      >
        <div className="voice-meter-fill" style={{ transform: `scaleX(${Math.min(1, state.level * 4)})` }} />
      </div>

      {live && state.mode === 'ptt' && (
        <button
          type="button"
          className={state.talking ? 'voice-ptt talking' : 'voice-ptt'}
          aria-pressed={state.talking}
          onPointerDown={buttonDown}
          onPointerUp={buttonUp}
          onPointerLeave={buttonUp}
          onPointerCancel={buttonUp}
        >
          {/* A stable name (pressed or not): the status line says what holding is doing. */}
          {t('voice.holdToTalk')}
        </button>
      )}

      <p
        className="voice-status"
        role="status"
        data-talking={state.talking || state.pendingTalk || undefined}
      >
        {statusText(state, pressOnly)}
      </p>
      {state.error && (
        <p className="voice-error" role="alert">
          {state.error}
        </p>
      )}

      {/* The chat window keeps the last lines as live captions: the conversation shows each one
          once the engine has written it to history (an answer when the next turn starts). */}
      <ol
        className={`voice-transcripts${compact ? ' captions' : ''}`}
        aria-label={t('voice.transcript')}
        aria-live="polite"
      >
        {(compact ? state.transcripts.slice(-2) : state.transcripts).map((l) => (
          <li key={`${l.role}-${l.itemId}`} className={`voice-line ${l.role}${l.done ? '' : ' partial'}`}>
            <span className="voice-role">{l.role === 'user' ? t('voice.you') : t('voice.assistant')}</span>{' '}
            {l.text}
          </li>
        ))}
      </ol>

      {/* Developer counters live in the Diagnostics panel; these stay for tests and the bench. */}
      <dl className="voice-stats" hidden>
        <dt>{t('voice.framesSent')}</dt>
        <dd data-testid="frames-sent">{state.stats.framesSent}</dd>
        <dt>{t('voice.samplesPlayed')}</dt>
        <dd data-testid="samples-played">{state.stats.samplesPlayed}</dd>
        <dt>{t('voice.interruptions')}</dt>
        <dd data-testid="barge-ins">{state.stats.bargeIns}</dd>
      </dl>
    </section>
  )
}
