// Settings: electron-store file written by an older schema migrates; unreadable fields fall back
// one by one; a corrupt file is set aside, never deleted; every change is validated.
import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '@shared/bridge'
import { ElectronStoreBackend } from '../../main/app/settings-store'
import { JsonFileBackend } from '../../main/host/json-file'
import { migrateSettings } from '../../main/host/settings-migrate'
import { SettingsService } from '../../main/host/settings-service'
import { silentLogger, type Logger } from '../../main/core/log'

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'settings-'))

describe('settings migrations', () => {
  it('migrates a settings file written by the version-1 schema (electron-store on disk)', () => {
    const dir = tmp()
    const file = path.join(dir, 'settings.json')
    fs.writeFileSync(
      file,
      JSON.stringify({
        apiBaseUrl: 'http://localhost:11434/v1',
        defaultModel: 'llama3',
        hotkey: 'Alt+Shift+A',
        useSystemProxy: false,
        darkMode: true,
        minimizeToTray: false,
      }),
    )
    const lines: string[] = []
    const logger: Logger = { log: (_l, m, f) => lines.push(`${m} ${JSON.stringify(f)}`) }
    const service = new SettingsService(new ElectronStoreBackend(dir), logger)
    expect(service.get()).toEqual({
      ...DEFAULT_SETTINGS,
      provider: { kind: 'custom', baseUrl: 'http://localhost:11434/v1' },
      model: 'llama3',
      hotkeys: { quickWindow: 'Alt+Shift+A', voice: '', pushToTalk: '' },
      proxy: { mode: 'none', url: '' },
      theme: 'dark',
      closeToTray: false,
      onboarded: true, // an upgraded file means the app was already set up
    })
    // Written back in the new shape, readable by the next start without migrating again.
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8'))
    expect(onDisk.version).toBe(SETTINGS_VERSION)
    expect(onDisk.apiBaseUrl).toBeUndefined()
    expect(lines.some((l) => l.startsWith(`settings migrated {"from":1,"to":${SETTINGS_VERSION}}`))).toBe(
      true,
    )
    expect(new SettingsService(new ElectronStoreBackend(dir), silentLogger).get()).toEqual(service.get())
  })

  it('keeps every readable field and resets only the broken ones', () => {
    const r = migrateSettings({
      version: 2,
      theme: 'purple',
      model: 'gpt-5.2',
      proxy: { mode: 'custom', url: 'not a url' },
      hotkeys: { quickWindow: 'Alt+Q', voice: 42 },
      unknownFutureKey: true,
    })
    expect(r.settings.model).toBe('gpt-5.2')
    expect(r.settings.theme).toBe('system')
    expect(r.settings.hotkeys).toEqual({ quickWindow: 'Alt+Q', voice: '', pushToTalk: '' })
    // The URL was unreadable; a custom proxy without one is invalid, so the proxy group resets.
    expect(r.settings.proxy).toEqual(DEFAULT_SETTINGS.proxy)
    expect(r.repaired).toEqual(expect.arrayContaining(['theme', 'hotkeys.voice', 'proxy.url']))
    expect(r.changed).toBe(true)
  })

  it('a version-3 file gains the push-to-talk hotkey (off) and keeps the rest', () => {
    const v3 = {
      ...DEFAULT_SETTINGS,
      version: 3,
      hotkeys: { quickWindow: 'Alt+Q', voice: 'Alt+V' },
      model: 'gpt-5.2',
    }
    const r = migrateSettings(v3)
    expect(r.from).toBe(3)
    expect(r.repaired).toEqual([])
    expect(r.changed).toBe(true)
    expect(r.settings).toEqual({
      ...DEFAULT_SETTINGS,
      model: 'gpt-5.2',
      hotkeys: { quickWindow: 'Alt+Q', voice: 'Alt+V', pushToTalk: '' },
    })
  })

  it('starts from defaults with nothing on disk, and sets a corrupt file aside', () => {
    expect(migrateSettings(undefined)).toMatchObject({ settings: DEFAULT_SETTINGS, from: 0, repaired: [] })
    expect(migrateSettings('garbage').repaired).toEqual(['(whole file)'])
    const dir = tmp()
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"version": 2, "theme": "da')
    const backend = new ElectronStoreBackend(dir)
    expect(backend.setAside).toMatch(/settings\.json\.unreadable-\d+$/)
    expect(fs.readFileSync(backend.setAside!, 'utf8')).toContain('"theme": "da')
    expect(new SettingsService(backend, silentLogger).get()).toEqual(DEFAULT_SETTINGS)
  })

  it('validates every change and keeps the old value when one is invalid', () => {
    const dir = tmp()
    const service = new SettingsService(new JsonFileBackend(path.join(dir, 'settings.json')), silentLogger)
    const seen: string[] = []
    service.onChange((next, prev) => seen.push(`${prev.theme}->${next.theme}`))
    service.update({ theme: 'dark', proxy: { mode: 'custom', url: 'http://proxy.local:3128' } })
    expect(seen).toEqual(['system->dark'])
    expect(() => service.update({ provider: { kind: 'custom' } })).toThrow(
      'invalid settings: provider.baseUrl: a custom provider needs a base URL',
    )
    expect(() => service.update({ hotkeys: { quickWindow: 'Ctrl+<script>' } })).toThrow(
      /invalid settings: hotkeys.quickWindow/,
    )
    expect(() => service.update({ theme: 'dark', evil: 1 })).toThrow(/invalid settings/)
    expect(service.get().provider.kind).toBe('openai')
    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8'))
    expect(onDisk.proxy).toEqual({ mode: 'custom', url: 'http://proxy.local:3128' })
    expect(fs.statSync(path.join(dir, 'settings.json')).mode & 0o077).toBe(0)
  })
})
