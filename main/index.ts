// The Electron main process. Everything lives in main/app (Electron glue) and main/host (logic
// shared with the browser host); see docs/hosts.md.
import { startApp } from './app/app'

startApp()
