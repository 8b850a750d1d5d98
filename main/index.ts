// The Electron main process. Everything lives in main/app (Electron glue) and main/host (logic
// shared with the browser host); see docs/hosts.md.
import { startApp } from './app/app'
import { streamLogger } from './core/log'
import { installLastResortGuard } from './host/last-resort'

// One bad stream or handler must not end the app (or show Electron's crash dialog): log, keep serving.
installLastResortGuard(
  process,
  streamLogger((l) => process.stderr.write(l + '\n'), 'info'),
)
startApp()
