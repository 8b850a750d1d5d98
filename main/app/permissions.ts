// Permission decisions: deny everything except microphone access requested by the app's own page
// (voice, issue 6). On macOS the OS must also grant it, so main asks systemPreferences first.

export type PermissionDecision = 'allow' | 'deny' | 'ask-os-microphone'

export interface PermissionRequest {
  permission: string
  requestingUrl: string | undefined
  /** For `media`: what the page wants ('audio', 'video'). */
  mediaTypes?: readonly string[] | undefined
}

export function decidePermission(
  req: PermissionRequest,
  isAppUrl: (url: string) => boolean,
  platform: NodeJS.Platform,
): PermissionDecision {
  if (req.permission !== 'media') return 'deny'
  if (!req.requestingUrl || !isAppUrl(req.requestingUrl)) return 'deny'
  const types = req.mediaTypes ?? []
  if (types.length === 0 || types.some((t) => t !== 'audio')) return 'deny'
  return platform === 'darwin' ? 'ask-os-microphone' : 'allow'
}

/** The synchronous check Chromium makes before some requests (e.g. enumerating devices). */
export function decidePermissionCheck(
  permission: string,
  requestingOrigin: string,
  mediaType: string | undefined,
  isAppUrl: (url: string) => boolean,
): boolean {
  return permission === 'media' && mediaType === 'audio' && isAppUrl(requestingOrigin)
}
