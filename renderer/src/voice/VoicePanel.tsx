// The voice panel (quick window): start/stop, hands-free or push-to-talk, a level meter, live
// transcripts of both sides, and a clear message when the microphone cannot be used.
import { useEffect, useRef, useState } from 'react'
import type { AssistantBridge } from '@shared/bridge'
import type { RealtimeMode } from '@shared/realtime'
import { VoiceSession, initialVoiceState, type VoiceState } from './voice-session'
import './voice.css'

const PROMPT = 'You are a helpful voice assistant. Keep answers short and conversational.'

export function VoicePanel({ bridge, toggles = 0 }: { bridge: AssistantBridge; toggles?: number }) {
  const [state, setState] = useState<VoiceState>(initialVoiceState)
  const [mode, setMode] = useState<RealtimeMode>('vad')
  const session = useRef<VoiceSession | null>(null)
  if (!session.current) session.current = new VoiceSession(bridge, setState)
  const live = state.status === 'live'
  const busy = state.status === 'starting' || state.status === 'stopping'

  const start = () => void session.current?.start({ mode, prompt: PROMPT })
  const stop = () => void session.current?.stop()

  useEffect(() => {
    // Latency samples for `npm run bench` (capture→socket, first audio→playback); no secrets.
    ;(window as { __voiceTimings?: unknown }).__voiceTimings = session.current?.timings
    const s = session.current
    return () => void s?.stop()
  }, [])

  // The voice hotkey (Electron) sends `navigate {view:'voice'}`; App counts them: toggle per request.
  const handled = useRef(0)
  useEffect(() => {
    const s = session.current
    if (!s) return
    while (handled.current < toggles) {
      handled.current++
      if (s.current.status === 'live' || s.current.status === 'starting') void s.stop()
      else void s.start({ mode, prompt: PROMPT })
    }
  }, [toggles, mode])

  useEffect(() => {
    if (!live || state.mode !== 'ptt') return
    const down = (e: KeyboardEvent) => {
      if (e.code === 'Space' && !e.repeat && !(e.target instanceof HTMLTextAreaElement)) {
        e.preventDefault()
        session.current?.pttPress()
      }
    }
    const up = (e: KeyboardEvent) => {
      if (e.code === 'Space') session.current?.pttRelease()
    }
    window.addEventListener('keydown', down)
    window.addEventListener('keyup', up)
    return () => {
      window.removeEventListener('keydown', down)
      window.removeEventListener('keyup', up)
    }
  }, [live, state.mode])

  return (
    <section className="voice-panel" aria-label="Voice conversation" data-status={state.status}>
      <div className="voice-controls">
        {live || busy ? (
          <button type="button" className="voice-stop" onClick={stop} disabled={state.status === 'stopping'}>
            Stop voice
          </button>
        ) : (
          <button type="button" className="voice-start" onClick={start}>
            Start voice
          </button>
        )}
        <fieldset className="voice-mode" disabled={live || busy}>
          <legend>Voice mode</legend>
          <label>
            <input type="radio" name="voice-mode" checked={mode === 'vad'} onChange={() => setMode('vad')} />
            Hands-free
          </label>
          <label>
            <input type="radio" name="voice-mode" checked={mode === 'ptt'} onChange={() => setMode('ptt')} />
            Push to talk
          </label>
        </fieldset>
      </div>

      <div
        className="voice-meter"
        role="meter"
        aria-label="Microphone level"
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
          onPointerDown={() => session.current?.pttPress()}
          onPointerUp={() => session.current?.pttRelease()}
          onPointerLeave={() => session.current?.pttRelease()}
        >
          {state.talking ? 'Listening… release to send' : 'Hold to talk (or hold Space)'}
        </button>
      )}

      <p className="voice-status" role="status">
        {state.status === 'starting' && 'Starting…'}
        {live &&
          (state.speaking
            ? 'Assistant speaking — talk to interrupt'
            : state.mode === 'vad'
              ? 'Listening'
              : 'Ready')}
        {state.status === 'idle' && !state.error && 'Voice is off'}
      </p>
      {state.error && (
        <p className="voice-error" role="alert">
          {state.error}
        </p>
      )}

      <ol className="voice-transcripts" aria-label="Transcript" aria-live="polite">
        {state.transcripts.map((l) => (
          <li key={`${l.role}-${l.itemId}`} className={`voice-line ${l.role}${l.done ? '' : ' partial'}`}>
            <span className="voice-role">{l.role === 'user' ? 'You' : 'Assistant'}</span> {l.text}
          </li>
        ))}
      </ol>

      <dl className="voice-stats">
        <dt>Frames sent</dt>
        <dd data-testid="frames-sent">{state.stats.framesSent}</dd>
        <dt>Samples played</dt>
        <dd data-testid="samples-played">{state.stats.samplesPlayed}</dd>
        <dt>Interruptions</dt>
        <dd data-testid="barge-ins">{state.stats.bargeIns}</dd>
      </dl>
    </section>
  )
}
