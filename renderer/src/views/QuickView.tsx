// The quick window (always on top, summoned by the global shortcut): the conversation and the
// composer, compact. `voicePanel` is the slot where the voice panel (issue 6) mounts.
import type { ReactNode } from 'react'
import { useT } from '../i18n/use-t'

interface Props {
  conversation: ReactNode
  composer: ReactNode
  /** Mounted above the composer when present (voice conversations). */
  voicePanel: ReactNode
}

export function QuickView({ conversation, composer, voicePanel }: Props) {
  const t = useT()
  return (
    <div className="app quick">
      <main className="main">
        {conversation}
        <section className="voice-slot" aria-label={t('quick.voice')} hidden={!voicePanel}>
          {voicePanel}
        </section>
        {composer}
      </main>
    </div>
  )
}
