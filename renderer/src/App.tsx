// The window: a header (host, demo badge, connection), the chat column, and the settings panel.
// Deliberately small; the full chat window (issue 5) replaces it on the same bridge.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import type { Capabilities, SettingsView } from '@shared/bridge'
import { bridge } from './bridge'
import { chatReducer, initialChat } from './chat-state'
import { Chat } from './Chat'
import { SettingsPanel } from './Settings'

const quick = window.location.hash === '#quick'

export function App() {
  const [chat, dispatch] = useReducer(chatReducer, initialChat)
  const [caps, setCaps] = useState<Capabilities | null>(null)
  const [view, setView] = useState<SettingsView | null>(null)
  const [showSettings, setShowSettings] = useState(false)
  const [loadError, setLoadError] = useState<string | null>(null)

  // Conversations this window started or opened itself; any other one it starts showing (a running
  // turn replayed on attach) is loaded from history so the question above the answer is there too.
  const known = useRef(new Set<string>())

  const open = useCallback((id: string) => {
    known.current.add(id)
    bridge
      .query('conversations.load', { id })
      .then((c) => c && dispatch({ type: 'loaded', conversation: c }))
      .catch((e: Error) => setLoadError(e.message))
  }, [])

  useEffect(() => {
    const off = bridge.onEvent((event) => {
      dispatch({ type: 'event', event })
      if (event.type === 'settings_changed') setView(event.view)
      if (event.type === 'navigate') {
        setShowSettings(event.view === 'settings')
        if (event.conversationId) open(event.conversationId)
        else if (event.view === 'chat') dispatch({ type: 'new_chat' })
      }
    })
    bridge.query('host.capabilities', {}).then(setCaps, (e: Error) => setLoadError(e.message))
    bridge.query('settings.get', {}).then(setView, (e: Error) => setLoadError(e.message))
    return off
  }, [open])

  useEffect(() => {
    if (chat.conversationId && !known.current.has(chat.conversationId)) open(chat.conversationId)
  }, [chat.conversationId, open])

  useEffect(() => {
    const theme = view?.settings.theme ?? 'system'
    if (theme === 'system') delete document.documentElement.dataset.theme
    else document.documentElement.dataset.theme = theme
  }, [view?.settings.theme])

  return (
    <div className={quick ? 'app quick' : 'app'}>
      <header className="topbar">
        <h1>Assistant</h1>
        {caps?.demo && (
          <span
            className="badge demo"
            title="Answers come from a local emulator; nothing leaves this machine."
          >
            Demo
          </span>
        )}
        {caps && <span className="badge host">{caps.host === 'electron' ? 'Desktop' : 'Browser'}</span>}
        {chat.connection !== 'open' && (
          <span className="badge warn" role="status">
            {chat.connection === 'reconnecting' ? 'Reconnecting to the host…' : 'Disconnected'}
          </span>
        )}
        <span className="spacer" />
        <button type="button" onClick={() => dispatch({ type: 'new_chat' })}>
          New chat
        </button>
        {!quick && (
          <button type="button" aria-pressed={showSettings} onClick={() => setShowSettings((s) => !s)}>
            Settings
          </button>
        )}
      </header>
      {loadError && (
        <p className="banner error" role="alert">
          {loadError}
        </p>
      )}
      <main className="columns">
        <Chat chat={chat} dispatch={dispatch} onStarted={(id) => known.current.add(id)} />
        {showSettings && view && caps && <SettingsPanel view={view} caps={caps} onView={setView} />}
      </main>
    </div>
  )
}
