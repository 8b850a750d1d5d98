// Electron's side of screenshots: the display under the pointer, captured by desktopCapturer.
import { desktopCapturer, screen, systemPreferences } from 'electron'
import type { CaptureDeps } from './screenshot'

export function electronCaptureDeps(): CaptureDeps {
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
  }
}
