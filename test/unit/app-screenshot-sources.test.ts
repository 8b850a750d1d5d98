// The Screenshot button's picker (issue 14): list screens and windows with small previews, capture
// the picked one at full size, and say plainly when it has gone in the meantime.
import { describe, expect, it } from 'vitest'
import {
  captureSource,
  listCaptureSources,
  PICKER_THUMBNAIL,
  SCREEN_PERMISSION_HELP,
  SOURCE_GONE,
  type RawSource,
  type SourceDeps,
} from '../../main/app/screenshot'

const FULL = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1])
const SMALL = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 2])

function deps(
  windows: RawSource[] = [{ id: 'window:42:0', name: 'Editor', displayId: '', png: SMALL }],
  over: Partial<SourceDeps> = {},
): SourceDeps & { asked: { types: string[]; size: { width: number; height: number } }[] } {
  const asked: { types: string[]; size: { width: number; height: number } }[] = []
  return {
    asked,
    platform: 'linux',
    screenAccess: () => 'granted',
    displaySize: () => ({ width: 2880, height: 1800, id: '2' }),
    listSources: async (types, size) => {
      asked.push({ types, size })
      const full = size.width > PICKER_THUMBNAIL.width
      const all = [
        ...windows.map((w) => ({ ...w, png: full && w.png.byteLength ? FULL : w.png })),
        { id: 'screen:2:0', name: 'Entire screen', displayId: '2', png: full ? FULL : SMALL },
      ]
      return all.filter((s) => types.includes(s.id.startsWith('screen:') ? 'screen' : 'window'))
    },
    now: () => new Date('2026-11-30T10:20:30Z'),
    ...over,
  }
}

describe('screenshot sources', () => {
  it('lists screens first, then windows, with small previews', async () => {
    const d = deps()
    const list = await listCaptureSources(d)
    expect(list).toEqual([
      { id: 'screen:2:0', name: 'Entire screen', kind: 'screen', thumbnail: SMALL },
      { id: 'window:42:0', name: 'Editor', kind: 'window', thumbnail: SMALL },
    ])
    expect(d.asked).toEqual([{ types: ['screen', 'window'], size: PICKER_THUMBNAIL }])
  })

  it('captures the picked window at full size', async () => {
    const d = deps()
    const shot = await captureSource(d, 'window:42:0')
    expect(shot).toEqual({ name: 'Screenshot 2026-11-30-10-20-30.png', png: FULL })
    expect(d.asked).toEqual([{ types: ['window'], size: { width: 2880, height: 1800 } }])
    expect((await captureSource(d, 'screen:2:0')).png).toBe(FULL)
  })

  it('says so when the picked window has closed since the list was made', async () => {
    const d = deps([])
    await expect(captureSource(d, 'window:42:0')).rejects.toThrow(SOURCE_GONE)
  })

  it('explains the macOS permission instead of listing or capturing', async () => {
    const denied = deps(undefined, { platform: 'darwin', screenAccess: () => 'denied' })
    await expect(listCaptureSources(denied)).rejects.toThrow(SCREEN_PERMISSION_HELP)
    await expect(captureSource(denied, 'screen:2:0')).rejects.toThrow(SCREEN_PERMISSION_HELP)
    expect(denied.asked).toEqual([])
    const empty = deps([], {
      platform: 'darwin',
      listSources: async () => [{ id: 'screen:2:0', name: 'Screen', displayId: '2', png: new Uint8Array() }],
    })
    await expect(listCaptureSources(empty)).rejects.toThrow(/Screen Recording/)
    await expect(captureSource(empty, 'screen:2:0')).rejects.toThrow(/Screen Recording/)
  })
})
