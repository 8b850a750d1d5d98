// The browser host's HTTP server on 127.0.0.1: the built renderer behind the access gate, and the
// bridge socket at /bridge.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '../../core/log'
import type { HostCore } from '../core'
import { AccessGate } from './access'
import { BridgeSocketServer } from './socket'
import { SECURITY_HEADERS, serveStatic } from './static'

export interface WebServerOptions {
  core: HostCore
  rendererDir: string
  /** 0 (default) picks a free port. */
  port?: number
  logger: Logger
  /** Tests pass a known token; normally random. */
  token?: string
}

export interface WebServer {
  url: string
  port: number
  /** The one-time link to open. */
  link: string
  close(): Promise<void>
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const server = http.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const gate = new AccessGate(port, opts.token)
  const sockets = new BridgeSocketServer(opts.core, gate, opts.logger)

  server.on('request', (req, res) => {
    const decision = gate.check({ url: req.url ?? '/', headers: req.headers })
    if (!decision.ok) {
      opts.logger.log('warn', 'refused a request', {
        path: (req.url ?? '').split('?')[0],
        reason: decision.reason,
      })
      res.writeHead(403, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
      res.end(`Forbidden: ${decision.reason}.\nOpen the link printed by the host (it works once per run).\n`)
      return
    }
    if (decision.redirectTo !== undefined) {
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        location: decision.redirectTo,
        'set-cookie': decision.setCookie ?? '',
      })
      res.end()
      return
    }
    serveStatic(opts.rendererDir, req, res)
  })
  server.on('upgrade', (req, socket, head) => sockets.handleUpgrade(req, socket, head))

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    link: gate.link,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.close()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
