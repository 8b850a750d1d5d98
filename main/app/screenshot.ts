// Screenshots into attachments (issue 14). Captured in main with desktopCapturer, so the page
// never gets screen access: its permission handler keeps denying video and display capture.
// macOS asks for Screen Recording permission the first time; when it was refused, the message
// says where to allow it (the OS only lets the user change it in System Settings).

/** What main needs from Electron, injected so the logic is testable without it. */
export interface CaptureDeps {
  platform: NodeJS.Platform
  /** systemPreferences.getMediaAccessStatus('screen') on macOS. */
  screenAccess: () => string
  /** The display the pointer is on, in device pixels. */
  displaySize: () => { width: number; height: number; id: string }
  /** desktopCapturer.getSources({ types: ['screen'], thumbnailSize }) mapped to PNG bytes. */
  sources: (size: { width: number; height: number }) => Promise<{ displayId: string; png: Uint8Array }[]>
  now?: () => Date
}

export const SCREEN_PERMISSION_HELP =
  'The assistant may not record the screen. Allow it in System Settings › Privacy & Security › Screen Recording (or Screen & System Audio Recording), then try again.'

export class ScreenshotError extends Error {}

export async function captureScreen(deps: CaptureDeps): Promise<{ name: string; png: Uint8Array }> {
  if (deps.platform === 'darwin') {
    const status = deps.screenAccess()
    if (status === 'denied' || status === 'restricted') throw new ScreenshotError(SCREEN_PERMISSION_HELP)
  }
  const display = deps.displaySize()
  const sources = await deps.sources({ width: display.width, height: display.height })
  const source = sources.find((s) => s.displayId === display.id) ?? sources[0]
  // macOS without permission hands back empty images instead of an error.
  if (!source || source.png.byteLength === 0)
    throw new ScreenshotError(
      deps.platform === 'darwin' ? SCREEN_PERMISSION_HELP : 'No screen could be captured.',
    )
  const at = (deps.now?.() ?? new Date()).toISOString().slice(0, 19).replace(/[:T]/g, '-')
  return { name: `Screenshot ${at}.png`, png: source.png }
}
