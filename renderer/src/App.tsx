// The chat window: sidebar, conversation (virtualised history + the live turn), composer, status
// bar, and the settings / diagnostics panels (loaded on first use). `#quick` shows the compact
// quick window instead, with a slot for the voice panel.
import { useBranches } from './components/use-branches'
import { ExportMenu } from './components/ExportMenu'
import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react'
import { contextLimits } from '@shared/wire/models'
import { bridge } from './bridge'
import { chatReducer, currentLive, initialChat, type ContextInfo } from './state/chat-state'
import { createEventRouter } from './state/event-router'
import { DraftStore } from './state/drafts'
import { streams } from './stream/stream-store'
import { useHost } from './use-host'
import { Sidebar } from './components/Sidebar'
import { ConversationView } from './components/ConversationView'
import { Composer } from './components/Composer'
import { StatusBar } from './components/StatusBar'
import { useCompactActions } from './components/use-compact'
import { ModelPicker } from './components/ModelPicker'
import { UndoToast } from './components/UndoToast'
import { useUndoDelete } from './components/use-undo-delete'
import { useWindowKeys } from './components/use-window-keys'
import { GearIcon, PulseIcon } from './components/icons'
import { QuickView } from './views/QuickView'
import { VoiceCommands } from './voice/voice-commands'
import { useTurnExtras } from './turn/use-turn-extras'
import type { ToolDecision } from '@shared/tools'
import { adoptNewChatWebSearch, webSearchOn, WebSearchToggle } from './components/WebSearchToggle'
import { ComposerVoice } from './voice/ComposerVoice'
import { ChatVoice } from './voice/ChatVoice'
import { setSpeechPrefs } from './voice/speech-prefs'
import { useT } from './i18n/use-t'

// Audio worklets load only where voice is used (the quick window).
const VoicePanel = lazy(() => import('./voice/VoicePanel').then((m) => ({ default: m.VoicePanel })))

const SettingsPanel = lazy(() => import('./components/Settings'))
const Diagnostics = lazy(() => import('./components/Diagnostics'))
const Onboarding = lazy(() => import('./components/Onboarding'))

const quick = window.location.hash === '#quick'
// The voice and push-to-talk hotkeys may fire before the lazy voice panel mounts: listen from
// load and keep their requests, in order, until it does.
const voiceCommands = quick ? new VoiceCommands(bridge) : null

export function App() {
  const t = useT()
  const [chat, dispatch] = useReducer(chatReducer, initialChat)
  const [panel, setPanel] = useState<'settings' | null>(null)
  const [diagOpen, setDiagOpen] = useState(false)
  const [picked, setPicked] = useState('')
  const [focusSignal, setFocusSignal] = useState(0)
  const [voiceRequest, setVoiceRequest] = useState(0)
  const [dictated, setDictated] = useState<{ text: string; n: number } | null>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const drafts = useMemo(() => new DraftStore(), [])
  const onError = useCallback(
    (m: string) =>
      dispatch({ type: 'event', event: { type: 'error', message: m, code: 'internal', fatal: false } }),
    [],
  )
  const host = useHost(onError)
  const { caps, view, models } = host

  const extras = useTurnExtras({
    cid: chat.currentId,
    models,
    modelSlug: (chat.currentId && chat.models[chat.currentId]) || picked || models?.defaultModel || '',
    settings: view?.settings,
    caps,
    setPicked,
    onError,
  })
  const { loaded: extrasLoaded, newChat: extrasNewChat, take: extrasTake } = extras

  useEffect(() => bridge.onEvent(createEventRouter(streams, dispatch)), [])
  const open = useCallback(
    (id: string) => {
      dispatch({ type: 'open', id })
      setPanel(null)
      bridge.query('conversations.load', { id }).then(
        (c) => {
          if (c) dispatch({ type: 'loaded', conversation: c })
          if (c) extrasLoaded(c)
        },
        (e: Error) => onError(e.message),
      )
    },
    [onError, extrasLoaded],
  )

  // A replayed turn made the window follow a conversation it has not loaded yet.
  useEffect(() => {
    if (chat.currentId && !chat.loaded) open(chat.currentId)
  }, [chat.currentId, chat.loaded, open])

  // Host navigation (tray, notification click).
  useEffect(
    () =>
      bridge.onEvent((e) => {
        if (e.type !== 'navigate') return
        setPanel(e.view === 'settings' ? 'settings' : null)
        if (e.conversationId) open(e.conversationId)
        else if (e.view === 'chat') dispatch({ type: 'new_chat' })
      }),
    [open],
  )

  useEffect(() => setPicked(view?.settings.model ?? ''), [view?.settings.model])
  useEffect(() => setSpeechPrefs(view?.settings.speech), [view?.settings.speech])

  useEffect(() => {
    const theme = view?.settings.theme ?? 'system'
    if (theme === 'system') delete document.documentElement.dataset.theme
    else document.documentElement.dataset.theme = theme
  }, [view?.settings.theme])

  const live = currentLive(chat)
  // The hosted web search tool exists on OpenAI's own providers only.
  const webSearchAllowed = !!view && view.settings.provider.kind !== 'custom'
  const running = live?.state === 'running'

  const send = useCallback(
    (text: string) => {
      const conversationId = chat.currentId ?? crypto.randomUUID()
      if (!chat.currentId) drafts.set(null, '')
      if (!chat.currentId) adoptNewChatWebSearch(conversationId)
      const webSearch = webSearchAllowed && webSearchOn(conversationId) ? { webSearch: true } : {}
      const { fields, chips } = extrasTake(conversationId)
      dispatch({ type: 'user_sent', conversationId, text, ...(chips.length ? { attachments: chips } : {}) })
      bridge
        .submit({
          type: 'user_turn',
          conversationId,
          text,
          ...(picked ? { model: picked } : {}),
          ...webSearch,
          ...fields,
        })
        .catch((e: Error) => {
          dispatch({ type: 'send_failed', conversationId, message: e.message })
          // Nothing typed is lost: an empty draft gets the text back.
          if (drafts.get(conversationId) === '') drafts.set(conversationId, text)
        })
    },
    [chat.currentId, drafts, picked, webSearchAllowed, extrasTake],
  )

  const stop = useCallback(() => {
    if (chat.currentId) void bridge.submit({ type: 'interrupt', conversationId: chat.currentId })
  }, [chat.currentId])

  const compact = useCompactActions(chat.currentId)
  const slugs = useMemo(() => models?.models.map((m) => m.slug) ?? [], [models])
  const branches = useBranches(chat.currentId, chat.rows, running, slugs, dispatch, onError)
  const actions = useMemo(
    () => ({
      branches,
      onRetry: send,
      onCompactRetry: compact.retry,
      onApprove: (callId: string, decision: ToolDecision) =>
        chat.currentId &&
        void bridge
          .submit({ type: 'tool_approval', callId, decision, conversationId: chat.currentId })
          .catch((e: Error) => onError(e.message)),
    }),
    [send, onError, chat.currentId, compact.retry, branches],
  )

  const newChat = useCallback(() => {
    dispatch({ type: 'new_chat' })
    setPanel(null)
    setFocusSignal((n) => n + 1)
    extrasNewChat()
  }, [extrasNewChat])

  const { pending, remove, undo } = useUndoDelete({
    currentId: chat.currentId,
    newChat,
    refreshList: host.refreshList,
    onError,
    dispatch,
  })

  const rename = useCallback(
    (id: string, title: string) =>
      void bridge
        .query('conversations.rename', { id, title })
        .then(host.refreshList, (e: Error) => onError(e.message)),
    [host.refreshList, onError],
  )

  useWindowKeys({ panel, running, stop, newChat, searchRef, setPanel, setDiagOpen })

  const cid = chat.currentId
  const modelSlug = (cid && chat.models[cid]) || picked || models?.defaultModel || ''
  const info = models?.models.find((m) => m.slug === modelSlug)
  const ctx: ContextInfo | null = useMemo(() => {
    const fromTurn = cid ? chat.context[cid] : undefined
    if (fromTurn?.effectiveContextWindow) return fromTurn
    if (!info) return null
    return { used: fromTurn?.used ?? 0, ...contextLimits(info) }
  }, [cid, chat.context, info])

  const picker = (
    <>
      <ModelPicker models={models} value={picked} onChange={setPicked} />
      {webSearchAllowed && <WebSearchToggle conversationId={cid} />}
    </>
  )
  const voiceTools = (
    <ComposerVoice
      onDictated={(text) => setDictated((d) => ({ text, n: (d?.n ?? 0) + 1 }))}
      onVoice={quick ? undefined : () => setVoiceRequest((n) => n + 1)}
    />
  )
  // Voice transcripts landed in a conversation's history: show them (a new chat's voice opens it).
  const onTranscript = (id: string) => {
    host.refreshList()
    if (cid === null) return open(id)
    if (cid !== id) return
    bridge.query('conversations.load', { id }).then(
      (c) => c && dispatch({ type: 'reloaded', conversation: c }),
      () => undefined,
    )
  }
  const composer = (
    <Composer
      conversationId={cid}
      drafts={drafts}
      running={running}
      onSend={send}
      onStop={stop}
      tools={
        <>
          {extras.tools}
          {picker}
          {voiceTools}
        </>
      }
      focusSignal={focusSignal}
      above={extras.strip}
      blocked={extras.blocked}
      hasAttachments={extras.hasAttachments}
      insert={dictated}
    />
  )
  const conversation = (
    <ConversationView
      conversationKey={cid ?? 'new'}
      rows={chat.rows}
      loaded={chat.loaded}
      live={live}
      actions={actions}
      empty={
        view && caps && !view.settings.onboarded ? (
          <Suspense fallback={null}>
            <Onboarding view={view} caps={caps} models={models} onView={host.setView} />
          </Suspense>
        ) : (
          <div className="empty">
            <h2>{t('app.emptyTitle')}</h2>
            <p>{t('app.emptyHint')}</p>
          </div>
        )
      }
    />
  )

  if (quick)
    return (
      <QuickView
        conversation={conversation}
        composer={composer}
        voicePanel={
          <Suspense fallback={null}>
            <VoicePanel bridge={bridge} commands={voiceCommands} />
          </Suspense>
        }
      />
    )

  return (
    <div className={`app${diagOpen ? ' with-diag' : ''}`}>
      <Sidebar
        conversations={host.conversations}
        currentId={cid}
        hidden={new Set(pending.map((p) => p.id))}
        onOpen={open}
        onNew={newChat}
        onRename={rename}
        onDelete={remove}
        searchRef={searchRef}
      />
      <main className="main">
        <header className="topbar">
          <h1 className="title">
            {host.conversations.find((c) => c.id === cid)?.title ?? live?.question ?? t('app.newChat')}
          </h1>
          {caps?.demo && (
            <span className="badge demo" title={t('app.demoTitle')}>
              {t('app.demo')}
            </span>
          )}
          {caps && (
            <span className="badge host">
              {caps.host === 'electron' ? t('app.hostDesktop') : t('app.hostBrowser')}
            </span>
          )}
          {extras.header}
          <span className="spacer" />
          <ExportMenu conversationId={cid} />
          <button
            type="button"
            className="btn ghost"
            aria-pressed={diagOpen}
            onClick={() => setDiagOpen((d) => !d)}
            title={t('app.diagnosticsTitle')}
          >
            <PulseIcon /> {t('app.diagnostics')}
          </button>
          <button
            type="button"
            className="btn ghost"
            aria-pressed={panel === 'settings'}
            onClick={() => setPanel((p) => (p ? null : 'settings'))}
            title={t('app.settingsTitle')}
          >
            <GearIcon /> {t('app.settings')}
          </button>
        </header>
        {chat.banner && (
          <p className="banner error" role="alert">
            {chat.banner}
            <button type="button" className="btn ghost" onClick={() => dispatch({ type: 'dismiss_banner' })}>
              {t('app.dismiss')}
            </button>
          </p>
        )}
        {panel === 'settings' && view && caps ? (
          <Suspense fallback={<div className="settings" />}>
            <SettingsPanel
              view={view}
              caps={caps}
              models={models}
              onView={host.setView}
              onClose={() => setPanel(null)}
            />
          </Suspense>
        ) : (
          <>
            {conversation}
            {composer}
          </>
        )}
        <ChatVoice conversationId={cid} request={voiceRequest} onTranscript={onTranscript} />
        <StatusBar
          connection={chat.connection}
          context={ctx}
          rateLimits={chat.rateLimits}
          onCompact={running ? undefined : compact.now}
        />
      </main>
      {diagOpen && (
        <Suspense fallback={<aside className="diagnostics" />}>
          <Diagnostics
            turns={(cid && chat.diags[cid]) || []}
            conversationId={cid}
            onClose={() => setDiagOpen(false)}
          />
        </Suspense>
      )}
      <UndoToast pending={pending} onUndo={undo} />
    </div>
  )
}
