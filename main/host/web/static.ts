// Serve the built renderer (out/renderer) with the app's CSP. Only files under the root, only
// GET/HEAD; an unknown path without an extension gets index.html (the page does its own routing).
import fs from 'node:fs'
import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { APP_CSP } from '../csp'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
}

export function contentTypeFor(file: string): string {
  return TYPES[path.extname(file)] ?? 'application/octet-stream'
}

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': APP_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

/** Resolve a URL path inside root, or null if it escapes it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const full = path.resolve(root, '.' + path.posix.normalize('/' + decoded))
  const rel = path.relative(root, full)
  return rel.startsWith('..') || path.isAbsolute(rel) ? null : full
}

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', ...SECURITY_HEADERS }).end()
    return
  }
  const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1')
  let file = resolveInside(root, pathname === '/' ? '/index.html' : pathname)
  if (file === null) {
    res.writeHead(404, SECURITY_HEADERS).end('not found')
    return
  }
  let stat = statOrNull(file)
  if ((!stat || stat.isDirectory()) && path.extname(pathname) === '') {
    file = path.join(root, 'index.html')
    stat = statOrNull(file)
  }
  if (!stat || !stat.isFile()) {
    res.writeHead(404, SECURITY_HEADERS).end('not found')
    return
  }
  const ext = path.extname(file)
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': contentTypeFor(file),
    'content-length': String(stat.size),
    // Hashed asset names can be cached; the page itself must always be fresh.
    'cache-control': ext === '.html' ? 'no-store' : 'private, max-age=3600',
  })
  if (req.method === 'HEAD') res.end()
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- resolveInside() kept it under the renderer folder
  else fs.createReadStream(file).pipe(res)
}

function statOrNull(file: string): fs.Stats | null {
  try {
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- same path as above
    return fs.statSync(file)
  } catch {
    return null
  }
}
