// Presets in settings (issue 14): new fields with defaults, so earlier files load unchanged.
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, applySettingsPatch } from '@shared/bridge'
import { migrateSettings } from '../../main/host/settings-migrate'

const pirate = {
  id: 'p1',
  name: 'Pirate',
  instructions: 'Talk like a pirate.',
  model: 'gpt-5.2',
  effort: 'high' as const,
}

describe('presets in settings', () => {
  it('a file from before presets gets none and keeps everything else', () => {
    const old = { ...DEFAULT_SETTINGS, theme: 'dark' } as Record<string, unknown>
    delete old.presets
    delete old.defaultPreset
    const { settings, repaired } = migrateSettings(old)
    expect(repaired).toEqual([])
    expect(settings).toMatchObject({ theme: 'dark', presets: [], defaultPreset: '' })
  })

  it('stores presets with a default, and refuses a default that does not exist', () => {
    const s = applySettingsPatch(DEFAULT_SETTINGS, { presets: [pirate], defaultPreset: 'p1' })
    expect(s.presets).toEqual([pirate])
    expect(() => applySettingsPatch(s, { defaultPreset: 'nope' })).toThrow(/default preset does not exist/)
    expect(() => applySettingsPatch(s, { presets: [{ ...pirate, effort: 'max' as never }] })).toThrow(
      /effort/,
    )
    // A hand-edited file with a dangling default loses only the default.
    const { settings, repaired } = migrateSettings({ ...s, defaultPreset: 'gone' })
    expect(settings.presets).toEqual([pirate])
    expect(settings.defaultPreset).toBe('')
    expect(repaired).toContain('defaultPreset')
  })
})

describe('lists in settings are salvaged entry by entry', () => {
  it('one unreadable MCP server or preset costs only itself', () => {
    const good = { name: 'everything', transport: 'stdio', command: 'npx', args: ['x'] }
    const newer = { name: 'future', transport: 'carrier-pigeon', coop: 'roof' }
    const { settings, repaired } = migrateSettings({
      ...DEFAULT_SETTINGS,
      mcpServers: [good, newer, { ...good, name: 'second' }],
      presets: [pirate, { id: 'p2', name: 42 }],
    })
    expect(settings.mcpServers.map((s) => s.name)).toEqual(['everything', 'second'])
    expect(settings.presets).toEqual([pirate])
    expect(repaired).toEqual(['presets[1]', 'mcpServers[1]'])
  })
})
