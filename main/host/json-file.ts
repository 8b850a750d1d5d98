// A settings backend for the browser host: one JSON file, written atomically and private to the user.
import fs from 'node:fs'
import path from 'node:path'
import type { Settings } from '@shared/bridge'
import type { SettingsBackend } from './settings-service'

export class JsonFileBackend implements SettingsBackend {
  constructor(readonly location: string) {}

  read(): unknown {
    let text: string
    try {
      // eslint-disable-next-line security/detect-non-literal-fs-filename -- the settings file in the data dir, chosen by the host
      text = fs.readFileSync(this.location, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw e
    }
    return JSON.parse(text)
  }

  write(settings: Settings): void {
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- same path as above
    fs.mkdirSync(path.dirname(this.location), { recursive: true })
    // Write then rename, so a crash mid-write never leaves half a file.
    const tmp = `${this.location}.${process.pid}.tmp`
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- same path as above
    fs.writeFileSync(tmp, JSON.stringify(settings, null, 2) + '\n', { mode: 0o600 })
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- same path as above
    fs.renameSync(tmp, this.location)
  }
}
