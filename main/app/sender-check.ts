// Every IPC message must come from the app's own page in the main frame of one of our windows.
// Anything else (an iframe, a page that navigated away, a window we did not create) is refused
// with a reason that main logs.

export interface SenderInfo {
  /** The sending frame's URL; null when the frame is gone. */
  frameUrl: string | null
  isMainFrame: boolean
  webContentsId: number
}

export interface SenderPolicy {
  /** The app page's origins, e.g. `app://renderer` (packaged) or `http://localhost:5173` (dev). */
  appOrigins: readonly string[]
  isOurWindow(webContentsId: number): boolean
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string }

/** `protocol//host` (URL.origin is "null" for custom schemes such as app:). */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`
  } catch {
    return null
  }
}

export function checkSender(info: SenderInfo, policy: SenderPolicy): SenderVerdict {
  if (!policy.isOurWindow(info.webContentsId))
    return { ok: false, reason: `webContents ${info.webContentsId} is not an app window` }
  if (info.frameUrl === null) return { ok: false, reason: 'the sending frame is gone' }
  if (!info.isMainFrame)
    return { ok: false, reason: `sent from a subframe (${originOf(info.frameUrl) ?? 'invalid URL'})` }
  const origin = originOf(info.frameUrl)
  if (origin === null || !policy.appOrigins.includes(origin))
    return { ok: false, reason: `sent from a foreign page (${origin ?? 'invalid URL'})` }
  return { ok: true }
}
