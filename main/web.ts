// The browser host: the engine plus the built renderer on 127.0.0.1, the bridge over a WebSocket.
//   node out/main/web.js [--port N] [--data-dir DIR] [--renderer DIR] [--verbose]
//   node --import tsx main/web.ts --demo        (the emulator instead of a real provider)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { streamLogger } from './core/log'
import { defaultDataDir } from './core/paths'
import { CLIENT_VERSION } from './core/provider'
import { HostCore } from './host/core'
import { installLastResortGuard } from './host/last-resort'
import { browserHostServices } from './host/web/services'
import { startWebServer } from './host/web/server'
import type { Demo } from './host/demo'

const USAGE = 'usage: web [--port N] [--data-dir DIR] [--renderer DIR] [--demo] [--verbose]'

/** out/renderer next to the build, or relative to the project when run from source. */
function findRenderer(explicit: string | undefined): string {
  const here = path.dirname(fileURLToPath(import.meta.url))
  // Built: out/main/web.js next to out/renderer. From source (tsx): main/web.ts, and the build in
  // out/renderer; never the source renderer/ folder, whose index.html points at .tsx files.
  const built = path.basename(here) === 'main' && path.basename(path.dirname(here)) === 'out'
  const dir = explicit
    ? path.resolve(explicit)
    : path.resolve(here, built ? '../renderer' : '../out/renderer')
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- the renderer folder next to the build or given by --renderer
  if (!fs.existsSync(path.join(dir, 'index.html')))
    throw new Error(`no built renderer in ${dir}; run \`npm run build\` first`)
  return dir
}

export async function main(argv: string[]): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        renderer: { type: 'string' },
        demo: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }))
  } catch (e) {
    process.stderr.write(`web: ${(e as Error).message}\n${USAGE}\n`)
    return 2
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`web: --port must be 0..65535\n${USAGE}\n`)
    return 2
  }
  const logger = streamLogger((l) => process.stderr.write(l + '\n'), values.verbose ? 'debug' : 'info')
  installLastResortGuard(process, logger)

  let demo: Demo | null = null
  try {
    const rendererDir = findRenderer(values.renderer)
    if (values.demo) {
      const { startDemo } = await import('./host/demo')
      demo = await startDemo()
    }
    // The demo gets a fresh data dir so it never mixes with real history.
    const dataDir =
      values['data-dir'] ??
      (demo ? fs.mkdtempSync(path.join(os.tmpdir(), 'assistant-demo-')) : defaultDataDir())
    const services = browserHostServices({
      dataDir,
      env: process.env,
      logger,
      version: CLIENT_VERSION,
      ...(demo ? { demo: { baseUrl: demo.baseUrl, apiKey: demo.apiKey } } : {}),
    })
    // Without a model setting the engine asks for the catalog's first model (gpt-5.2).
    demo?.useDefaultModel(() => services.settings.get().model || 'gpt-5.2')
    const core = new HostCore({ ...services, ...(demo ? { beforeOp: demo.beforeOp } : {}) }, logger)
    const server = await startWebServer({ core, rendererDir, port, logger })

    process.stdout.write(
      `${demo ? 'Demo' : 'Assistant'} (browser host) ready. Open this link once; it carries a one-time token:\n  ${server.link}\n` +
        `Data: ${dataDir}. Tray, global shortcuts and notifications need the desktop app. Ctrl+C stops.\n`,
    )
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
    // Shut down in order (running turns are interrupted and saved), but never hang on it.
    setTimeout(() => process.exit(0), 5000).unref()
    await server.close()
    await core.close()
    services.dispose()
    await demo?.close()
    return 0
  } catch (e) {
    process.stderr.write(`web: ${(e as Error).message}\n`)
    await demo?.close()
    return 1
  }
}

// Run when executed directly (node out/main/web.js, or tsx main/web.ts), not when imported by tests.
const entry = process.argv[1] ? path.resolve(process.argv[1]) : ''
if (entry === fileURLToPath(import.meta.url) || /[\\/]web\.(js|ts)$/.test(entry)) {
  main(process.argv.slice(2)).then((code) => process.exit(code))
}
