// Electron's side of screenshots: the display under the pointer, captured by desktopCapturer.
import { desktopCapturer, screen, systemPreferences } from 'electron'
import type { CaptureDeps, SourceDeps } from './screenshot'

export function electronCaptureDeps(): CaptureDeps & SourceDeps {
  return {
    platform: process.platform,
    screenAccess: () =>
      process.platform === 'darwin' ? systemPreferences.getMediaAccessStatus('screen') : 'granted',
    displaySize: () => {
      const d = screen.getDisplayNearestPoint(screen.getCursorScreenPoint())
      return {
        width: Math.round(d.size.width * d.scaleFactor),
        height: Math.round(d.size.height * d.scaleFactor),
        id: String(d.id),
      }
    },
    sources: async (thumbnailSize) => {
      const list = await desktopCapturer.getSources({ types: ['screen'], thumbnailSize })
      return list.map((s) => ({ displayId: s.display_id, png: new Uint8Array(s.thumbnail.toPNG()) }))
    },
    // Screens and windows for the Screenshot button's picker, and the picked one at full size.
    listSources: async (types, thumbnailSize) => {
      const list = await desktopCapturer.getSources({ types, thumbnailSize })
      return list.map((s) => ({
        id: s.id,
        name: s.name,
        displayId: s.display_id,
        png: new Uint8Array(s.thumbnail.toPNG()),
      }))
    },
  }
}
