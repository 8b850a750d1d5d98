// Query handlers for attachments, screenshots and conversation instructions (issue 14). The page
// hands over bytes (never a path) and gets back a hash; main reads only its own data folder.
import type { QueryOutput } from '@shared/bridge'
import type { AttachmentInfo } from '@shared/attachments'
import { AttachmentError, AttachmentStore } from '../core/attachments/store'
import { sniff } from '../core/attachments/sniff'
import type { HostCore } from './core'

/** What a host that can capture the screen provides (the Electron app). */
export type ScreenCapture = () => Promise<{ name: string; png: Uint8Array }>

/** The Screenshot button's picker: the screens and windows with previews, and the picked one. */
export interface SourceCapture {
  list(): Promise<{ id: string; name: string; kind: 'screen' | 'window'; thumbnail: Uint8Array }[]>
  capture(id: string): Promise<{ name: string; png: Uint8Array }>
}

const DESKTOP_ONLY = 'Screenshots are only available in the desktop app.'

export function attachmentQueryHandlers(core: HostCore) {
  const store = (): AttachmentStore => new AttachmentStore(core.services.engineSpec().dataDir)
  return {
    'attachments.put': async ({ name, data }: { name: string; data: Uint8Array }): Promise<AttachmentInfo> =>
      plain(() => store().put(name, data)),
    'attachments.get': async ({
      id,
      thumbnail,
    }: {
      id: string
      thumbnail: boolean
    }): Promise<QueryOutput<'attachments.get'>> =>
      plain(async () => {
        const s = store()
        if (thumbnail) return { mime: 'image/webp' as const, data: await s.thumbnail(id) }
        const data = s.read(id)
        const mime = sniff(data)
        if (!mime) throw new AttachmentError('the stored attachment is unreadable')
        return { mime, data }
      }),
    'conversations.setInstructions': async ({ id, instructions }: { id: string; instructions: string }) => {
      const engine = core.engines.forConversation(id)
      if (!engine.setInstructions) throw new Error('this engine cannot change instructions')
      return engine.setInstructions(id, instructions)
    },
    'screenshot.capture': async (): Promise<AttachmentInfo> => {
      const capture = core.services.captureScreen
      if (!capture) throw new Error(DESKTOP_ONLY)
      const shot = await capture()
      return plain(() => store().put(shot.name, shot.png))
    },
    // Previews travel as one top-level byte field (the socket carries only top-level binary
    // fields); each source says how many of those bytes are its PNG, in order.
    'screenshot.sources': async (): Promise<QueryOutput<'screenshot.sources'>> => {
      const sources = core.services.captureSources
      if (!sources) throw new Error(DESKTOP_ONLY)
      const list = await sources.list()
      const thumbnails = new Uint8Array(list.reduce((n, s) => n + s.thumbnail.byteLength, 0))
      let at = 0
      for (const s of list) {
        thumbnails.set(s.thumbnail, at)
        at += s.thumbnail.byteLength
      }
      return {
        sources: list.map((s) => ({
          id: s.id,
          name: s.name,
          kind: s.kind,
          thumbnailBytes: s.thumbnail.byteLength,
        })),
        thumbnails,
      }
    },
    'screenshot.captureSource': async ({ id }: { id: string }): Promise<AttachmentInfo> => {
      const sources = core.services.captureSources
      if (!sources) throw new Error(DESKTOP_ONLY)
      const shot = await sources.capture(id)
      return plain(() => store().put(shot.name, shot.png))
    },
  }
}

/** Attachment refusals travel to the page as their message alone. */
async function plain<T>(f: () => Promise<T> | T): Promise<T> {
  try {
    return await f()
  } catch (e) {
    if (e instanceof AttachmentError) throw new Error(e.message, { cause: e })
    throw e
  }
}
