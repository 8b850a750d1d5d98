// Permission decisions: deny everything except microphone access requested by the app's own page
// (voice, issue 6) and clipboard writes by it (copy buttons: navigator.clipboard.writeText needs
// 'clipboard-sanitized-write'). On macOS the OS must also grant the microphone, so main asks first.

/** Granted to the app's own page without asking; every name is Electron's (a test checks). */
export const APP_PAGE_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write']

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
  if (!req.requestingUrl || !isAppUrl(req.requestingUrl)) return 'deny'
  if (APP_PAGE_PERMISSIONS.includes(req.permission)) return 'allow'
  if (req.permission !== 'media') return 'deny'
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
  if (!isAppUrl(requestingOrigin)) return false
  return APP_PAGE_PERMISSIONS.includes(permission) || (permission === 'media' && mediaType === 'audio')
}
