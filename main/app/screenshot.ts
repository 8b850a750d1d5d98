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

// The Screenshot button's choice (issue 14): list the screens and windows with small previews,
// then capture the one the user picked at full size. The hotkey keeps using captureScreen.

/** One capturable screen or window as desktopCapturer reports it (thumbnail as PNG bytes). */
export interface RawSource {
  id: string
  name: string
  displayId: string
  png: Uint8Array
}

/** What the picker lists: the source's id, its name, whether it is a screen or a window, a preview. */
export interface CaptureSource {
  id: string
  name: string
  kind: 'screen' | 'window'
  thumbnail: Uint8Array
}

export interface SourceDeps extends Pick<CaptureDeps, 'platform' | 'screenAccess' | 'displaySize' | 'now'> {
  /** desktopCapturer.getSources({ types, thumbnailSize }) mapped to PNG bytes. */
  listSources: (
    types: ('screen' | 'window')[],
    size: { width: number; height: number },
  ) => Promise<RawSource[]>
}

export const PICKER_THUMBNAIL = { width: 320, height: 200 }
export const SOURCE_GONE = 'That screen or window is no longer available. Choose another one.'

function checkAccess(deps: Pick<CaptureDeps, 'platform' | 'screenAccess'>): void {
  if (deps.platform !== 'darwin') return
  const status = deps.screenAccess()
  if (status === 'denied' || status === 'restricted') throw new ScreenshotError(SCREEN_PERMISSION_HELP)
}

const kindOf = (id: string): 'screen' | 'window' => (id.startsWith('screen:') ? 'screen' : 'window')

export async function listCaptureSources(deps: SourceDeps): Promise<CaptureSource[]> {
  checkAccess(deps)
  const raw = await deps.listSources(['screen', 'window'], PICKER_THUMBNAIL)
  // macOS without permission lists only empty previews (and no other apps' windows).
  if (deps.platform === 'darwin' && raw.every((s) => s.png.byteLength === 0))
    throw new ScreenshotError(SCREEN_PERMISSION_HELP)
  if (raw.length === 0) throw new ScreenshotError('No screen or window could be found to capture.')
  const sources = raw.map((s) => ({ id: s.id, name: s.name || s.id, kind: kindOf(s.id), thumbnail: s.png }))
  // Screens first, then windows, each in the order the system gave.
  return [...sources.filter((s) => s.kind === 'screen'), ...sources.filter((s) => s.kind === 'window')]
}

export async function captureSource(
  deps: SourceDeps,
  id: string,
): Promise<{ name: string; png: Uint8Array }> {
  checkAccess(deps)
  // Asked at the pointer display's full pixel size; the system fits the source inside it.
  const display = deps.displaySize()
  const raw = await deps.listSources([kindOf(id)], { width: display.width, height: display.height })
  const source = raw.find((s) => s.id === id)
  if (!source) throw new ScreenshotError(SOURCE_GONE)
  if (source.png.byteLength === 0)
    throw new ScreenshotError(
      deps.platform === 'darwin' ? SCREEN_PERMISSION_HELP : 'That screen or window could not be captured.',
    )
  const at = (deps.now?.() ?? new Date()).toISOString().slice(0, 19).replace(/[:T]/g, '-')
  return { name: `Screenshot ${at}.png`, png: source.png }
}
