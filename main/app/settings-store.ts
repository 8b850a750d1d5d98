// The Electron app's settings backend: electron-store (atomic JSON in userData). Validation,
// defaults and migrations are the host's (main/host/settings-migrate.ts), the same as the browser
// host's, so electron-store gets no schema of its own.
import fs from 'node:fs'
import path from 'node:path'
import Store from 'electron-store'
import type { Settings } from '@shared/bridge'
import type { SettingsBackend } from '../host/settings-service'

export class ElectronStoreBackend implements SettingsBackend {
  private readonly store: Store<Record<string, unknown>>
  /** Set when an unreadable file was moved aside (kept for the user, never deleted). */
  readonly setAside: string | null

  constructor(cwd: string) {
    this.setAside = setAsideIfUnreadable(path.join(cwd, 'settings.json'))
    this.store = new Store<Record<string, unknown>>({
      name: 'settings',
      cwd,
      clearInvalidConfig: false,
      configFileMode: 0o600,
    })
  }

  get location(): string {
    return this.store.path
  }

  read(): unknown {
    return this.store.store
  }

  write(settings: Settings): void {
    this.store.store = settings as unknown as Record<string, unknown>
  }
}

function setAsideIfUnreadable(file: string): string | null {
  try {
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- the settings file in userData, not user input
    JSON.parse(fs.readFileSync(file, 'utf8'))
    return null
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    const aside = `${file}.unreadable-${Date.now()}`
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- same path as above
    fs.renameSync(file, aside)
    return aside
  }
}
