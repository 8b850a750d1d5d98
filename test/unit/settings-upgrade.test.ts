// Data survives updates: a settings file from every older schema version (test/fixtures/settings)
// upgrades with a copy of the old file kept aside first, and the conversations next to it are not
// touched (same bytes, same modification time, all still load).
import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { SETTINGS_VERSION } from '@shared/bridge'
import { ElectronStoreBackend } from '../../main/app/settings-store'
import { JsonFileBackend } from '../../main/host/json-file'
import { SettingsService, type SettingsBackend } from '../../main/host/settings-service'
import { BACKUP_DIR, SETTINGS_BACKUPS_KEPT, backupSettingsFile } from '../../main/host/settings-backup'
import { HistoryStore } from '../../main/core/history/store'
import { silentLogger, type Logger } from '../../main/core/log'

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/settings')
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'settings-upgrade-'))
const backends: Record<string, (dir: string) => SettingsBackend> = {
  'electron-store (app)': (dir) => new ElectronStoreBackend(dir),
  'JSON file (browser host)': (dir) => new JsonFileBackend(path.join(dir, 'settings.json')),
}

function fixture(version: number): string {
  const file = path.join(FIXTURES, `v${version}.json`)
  if (!fs.existsSync(file))
    throw new Error(
      `add ${path.relative(process.cwd(), file)}: a settings file as version ${version} wrote it`,
    )
  return fs.readFileSync(file, 'utf8')
}

/** Two conversations with a finished turn each; returns a snapshot of the folder. */
function conversations(dir: string) {
  const store = new HistoryStore(dir)
  for (const text of ['first', 'second']) {
    const id = randomUUID()
    store.create(id, 'custom', 'llama3')
    store.appendItem(id, 't1', {
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text }],
    } as never)
    store.appendTurn(id, { turnId: 't1', status: 'completed' } as never)
  }
  store.close()
  return snapshot(dir)
}
function snapshot(dir: string) {
  const conv = path.join(dir, 'conversations')
  return Object.fromEntries(
    fs
      .readdirSync(conv)
      .sort()
      .map((f) => {
        const p = path.join(conv, f)
        return [f, { bytes: fs.readFileSync(p, 'utf8'), mtimeMs: fs.statSync(p).mtimeMs }]
      }),
  )
}
const backups = (dir: string) =>
  fs.existsSync(path.join(dir, BACKUP_DIR)) ? fs.readdirSync(path.join(dir, BACKUP_DIR)).sort() : []

describe.each(Object.entries(backends))('upgrading settings (%s)', (_name, backend) => {
  const older = Array.from({ length: SETTINGS_VERSION - 1 }, (_, i) => i + 1)

  it.each(older)('from version %i: backup first, settings kept, conversations untouched', (version) => {
    const dir = tmp()
    const original = fixture(version)
    fs.writeFileSync(path.join(dir, 'settings.json'), original)
    const before = conversations(dir)
    const lines: string[] = []
    const logger: Logger = { log: (_l, m) => void lines.push(m) }

    const service = new SettingsService(backend(dir), logger)

    // The old file, byte for byte, is in the backup folder, named for the version it came from.
    const copies = backups(dir)
    expect(copies).toHaveLength(1)
    expect(copies[0]!.startsWith('settings-') && copies[0]!.endsWith(`-v${version}.json`)).toBe(true)
    expect(fs.readFileSync(path.join(dir, BACKUP_DIR, copies[0]!), 'utf8')).toBe(original)
    expect(fs.statSync(path.join(dir, BACKUP_DIR, copies[0]!)).mode & 0o077).toBe(0)
    expect(lines).toContain('settings backed up before rewriting')
    // The settings were upgraded and kept what the user had chosen.
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).version).toBe(
      SETTINGS_VERSION,
    )
    expect(service.get()).toMatchObject({
      model: 'llama3',
      theme: 'dark',
      closeToTray: false,
      onboarded: true,
    })
    // Conversations: same files, same bytes, not even rewritten in place, and they all load.
    expect(snapshot(dir)).toEqual(before)
    const store = new HistoryStore(dir)
    expect(store.list()).toHaveLength(2)
    store.close()
    // The next start has nothing to migrate and makes no further copy.
    new SettingsService(backend(dir), silentLogger)
    expect(backups(dir)).toHaveLength(1)
  })

  it('a file of the current version is not copied', () => {
    const dir = tmp()
    fs.writeFileSync(path.join(dir, 'settings.json'), fixture(SETTINGS_VERSION))
    new SettingsService(backend(dir), silentLogger)
    expect(backups(dir)).toEqual([])
  })

  it('a file from a newer version (after a downgrade) is copied before it is rewritten', () => {
    const dir = tmp()
    const newer = JSON.stringify({
      ...JSON.parse(fixture(SETTINGS_VERSION)),
      version: SETTINGS_VERSION + 1,
      x: 1,
    })
    fs.writeFileSync(path.join(dir, 'settings.json'), newer)
    new SettingsService(backend(dir), silentLogger)
    expect(backups(dir)).toHaveLength(1)
    expect(fs.readFileSync(path.join(dir, BACKUP_DIR, backups(dir)[0]!), 'utf8')).toBe(newer)
  })

  it('when the copy cannot be made, the old file is left as it was', () => {
    const dir = tmp()
    fs.writeFileSync(path.join(dir, 'settings.json'), fixture(1))
    fs.writeFileSync(path.join(dir, BACKUP_DIR), 'a file where the folder should be')
    const lines: string[] = []
    const service = new SettingsService(backend(dir), { log: (_l, m) => void lines.push(m) })
    expect(lines).toContain('could not back up settings; leaving the file as it is')
    expect(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).toBe(fixture(1))
    expect(service.get().model).toBe('llama3')
  })
})

describe('settings backups', () => {
  it(`keeps the last ${SETTINGS_BACKUPS_KEPT} copies`, () => {
    const dir = tmp()
    const file = path.join(dir, 'settings.json')
    const made: string[] = []
    for (let i = 0; i < SETTINGS_BACKUPS_KEPT + 3; i++) {
      fs.writeFileSync(file, JSON.stringify({ i }))
      made.push(path.basename(backupSettingsFile(file, `v${i}`)!))
    }
    expect(backups(dir)).toEqual(made.slice(-SETTINGS_BACKUPS_KEPT).sort())
    const newest = made.at(-1)!
    expect(JSON.parse(fs.readFileSync(path.join(dir, BACKUP_DIR, newest), 'utf8'))).toEqual({
      i: SETTINGS_BACKUPS_KEPT + 2,
    })
  })

  it('no file, no copy', () => {
    expect(backupSettingsFile(path.join(tmp(), 'settings.json'), 'v1')).toBeNull()
  })
})
