// Window-wide keys: Esc stops (or closes a panel), Ctrl/Cmd+N new chat, Ctrl/Cmd+K search,
// Ctrl/Cmd+, settings, Ctrl/Cmd+Shift+D diagnostics.
import { useEffect, type Dispatch, type RefObject, type SetStateAction } from 'react'

export function useWindowKeys({
  panel,
  running,
  stop,
  newChat,
  searchRef,
  setPanel,
  setDiagOpen,
}: {
  panel: 'settings' | null
  running: boolean
  stop: () => void
  newChat: () => void
  searchRef: RefObject<HTMLInputElement | null>
  setPanel: Dispatch<SetStateAction<'settings' | null>>
  setDiagOpen: Dispatch<SetStateAction<boolean>>
}): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey
      if (e.key === 'Escape' && !e.defaultPrevented) {
        if (panel) setPanel(null)
        else if (running) stop()
      } else if (mod && e.key.toLowerCase() === 'n') {
        e.preventDefault()
        newChat()
      } else if (mod && e.key.toLowerCase() === 'k') {
        e.preventDefault()
        searchRef.current?.focus()
      } else if (mod && e.key === ',') {
        e.preventDefault()
        setPanel((p) => (p ? null : 'settings'))
      } else if (mod && e.shiftKey && e.key.toLowerCase() === 'd') {
        e.preventDefault()
        setDiagOpen((d) => !d)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [newChat, panel, running, stop, searchRef, setPanel, setDiagOpen])
}
