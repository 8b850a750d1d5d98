// What the window needs from the host besides the chat events: capabilities, settings, the model
// list and the conversation list, each refreshed when the host says it changed.
import { useCallback, useEffect, useState } from 'react'
import type { Capabilities, SettingsView } from '@shared/bridge'
import type { ConversationSummary } from '@shared/history'
import { bridge } from './bridge'
import type { ModelsState } from './components/ModelPicker'

export function useHost(onError: (m: string) => void) {
  const [caps, setCaps] = useState<Capabilities | null>(null)
  const [view, setView] = useState<SettingsView | null>(null)
  const [models, setModels] = useState<ModelsState | null>(null)
  const [conversations, setConversations] = useState<ConversationSummary[]>([])

  const refreshList = useCallback(() => {
    bridge.query('conversations.list', {}).then(setConversations, (e: Error) => onError(e.message))
  }, [onError])

  const refreshModels = useCallback(() => {
    bridge.query('models.list', {}).then(setModels, () => setModels(null))
  }, [])

  useEffect(() => {
    bridge.query('host.capabilities', {}).then(setCaps, (e: Error) => onError(e.message))
    bridge.query('settings.get', {}).then(setView, (e: Error) => onError(e.message))
    refreshModels()
    refreshList()
    return bridge.onEvent((e) => {
      if (e.type === 'settings_changed') {
        setView(e.view)
        refreshModels()
        refreshList()
      }
      if (e.type === 'turn_complete' || e.type === 'turn_aborted') refreshList()
    })
  }, [onError, refreshList, refreshModels])

  return { caps, view, setView, models, conversations, refreshList }
}
