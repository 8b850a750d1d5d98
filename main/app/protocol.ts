// The app's pages come from app://renderer/, served from out/renderer by a protocol handler, not
// from file:// (which would give the page a view of the whole disk). Responses carry the CSP.
import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { SECURITY_HEADERS, contentTypeFor, resolveInside } from '../host/web/static'

export const APP_SCHEME = 'app'
export const APP_ORIGIN = 'app://renderer'

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
    },
  ])
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    const file =
      url.host === 'renderer'
        ? resolveInside(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname)
        : null
    if (!file) return new Response('not found', { status: 404, headers: SECURITY_HEADERS })
    const res = await net.fetch(pathToFileURL(file).toString())
    if (!res.ok) return new Response('not found', { status: 404, headers: SECURITY_HEADERS })
    return new Response(res.body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'content-type': contentTypeFor(file) },
    })
  })
}
