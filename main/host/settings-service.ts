// Settings for either host: migrate on load, validate every change with the shared schema, persist
// through a backend (electron-store in the app, a JSON file in the browser host), tell listeners.
import { applySettingsPatch, SettingsPatch, describeIssue, type Settings } from '@shared/bridge'
import type { Logger } from '../core/log'
import { migrateSettings } from './settings-migrate'
import { backupBeforeRewrite } from './settings-backup'

export interface SettingsBackend {
  /** The stored object, or undefined when nothing is stored yet. */
  read(): unknown
  write(settings: Settings): void
  /** For messages: where the settings live. */
  readonly location: string
}

export type SettingsListener = (next: Settings, previous: Settings) => void

export class SettingsService {
  private current: Settings
  private readonly listeners = new Set<SettingsListener>()

  constructor(
    private readonly backend: SettingsBackend,
    private readonly logger: Logger,
  ) {
    let raw: unknown
    try {
      raw = backend.read()
    } catch (e) {
      logger.log('warn', 'settings file unreadable; using defaults', {
        file: backend.location,
        error: (e as Error).message,
      })
    }
    const result = migrateSettings(raw)
    this.current = result.settings
    if (result.from !== 0 && result.from !== result.settings.version)
      logger.log('info', 'settings migrated', { from: result.from, to: result.settings.version })
    if (result.repaired.length > 0)
      logger.log('warn', 'settings fields reset to defaults', {
        fields: result.repaired.join(','),
        file: backend.location,
      })
    if (result.changed && backupBeforeRewrite(backend.location, result, logger)) this.persist()
  }

  get(): Settings {
    return this.current
  }

  /** Validate and apply a partial update; throws a readable error and changes nothing on failure. */
  update(patch: unknown): Settings {
    const parsed = SettingsPatch.safeParse(patch)
    if (!parsed.success) throw new Error(`invalid settings: ${describeIssue(parsed.error)}`)
    const previous = this.current
    const next = applySettingsPatch(previous, parsed.data)
    this.current = next
    this.persist()
    for (const l of this.listeners) {
      try {
        l(next, previous)
      } catch (e) {
        this.logger.log('error', 'settings listener threw', { error: (e as Error).message })
      }
    }
    return next
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private persist(): void {
    try {
      this.backend.write(this.current)
    } catch (e) {
      // Keep running with the in-memory value; the UI still works, the next change retries.
      this.logger.log('error', 'could not save settings', {
        file: this.backend.location,
        error: (e as Error).message,
      })
    }
  }
}
