// Window and session hardening for the Electron app: CSP on the app's pages, a permission handler
// that denies all but the microphone, no navigation, no new windows, no webviews, and external
// links only as checked https URLs in the user's browser.
import { shell, systemPreferences, type Session, type WebContents } from 'electron'
import type { Logger } from '../core/log'
import { decidePermission, decidePermissionCheck } from './permissions'
import { isSafeExternalUrl } from './external-links'

/** Opens a checked https URL in the browser; everything else is refused and logged. */
export function openExternalSafely(url: string, logger: Logger): void {
  if (!isSafeExternalUrl(url)) {
    logger.log('warn', 'refused to open a link', { url: url.slice(0, 200) })
    return
  }
  // The URL passed isSafeExternalUrl above (https, no credentials).
  void shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK
}

export function secureSession(ses: Session, isAppUrl: (url: string) => boolean, logger: Logger): void {
  // The CSP for pages served over http (the dev server); app:// responses carry it themselves.
  // Kept equal to main/host/csp.ts (a unit test compares them).
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' || !isAppUrl(details.url)) return callback({})
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
            "connect-src 'self'; media-src 'self' blob:; worker-src 'self'; manifest-src 'self'; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
        ],
      },
    })
  })

  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const decision = decidePermission(
      {
        permission,
        requestingUrl: details.requestingUrl,
        mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
      },
      isAppUrl,
      process.platform,
    )
    if (decision === 'allow') return callback(true)
    if (decision === 'ask-os-microphone') {
      systemPreferences.askForMediaAccess('microphone').then(callback, () => callback(false))
      return
    }
    logger.log('info', 'denied a permission request', { permission })
    callback(false)
  })
  ses.setPermissionCheckHandler((_contents, permission, origin, details) =>
    decidePermissionCheck(permission, origin, details.mediaType, isAppUrl),
  )
  ses.setDevicePermissionHandler(() => false)
}

export function hardenContents(
  contents: WebContents,
  isAppUrl: (url: string) => boolean,
  logger: Logger,
): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return
    event.preventDefault()
    openExternalSafely(url, logger)
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, logger)
    return { action: 'deny' }
  })
}
