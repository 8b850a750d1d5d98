// Screenshots (issue 14): the display under the pointer, and a plain explanation on macOS when
// Screen Recording is not allowed (including the empty images macOS returns instead of an error).
import { describe, expect, it } from 'vitest'
import { captureScreen, SCREEN_PERMISSION_HELP, type CaptureDeps } from '../../main/app/screenshot'

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47])

function deps(over: Partial<CaptureDeps> = {}): CaptureDeps & { asked: { width: number; height: number }[] } {
  const asked: { width: number; height: number }[] = []
  return {
    asked,
    platform: 'linux',
    screenAccess: () => 'granted',
    displaySize: () => ({ width: 2880, height: 1800, id: '2' }),
    sources: async (size) => {
      asked.push(size)
      return [
        { displayId: '1', png: new Uint8Array([1]) },
        { displayId: '2', png: PNG },
      ]
    },
    now: () => new Date('2026-11-30T10:20:30Z'),
    ...over,
  }
}

describe('screenshots', () => {
  it('captures the display under the pointer at its full pixel size', async () => {
    const d = deps()
    const shot = await captureScreen(d)
    expect(shot).toEqual({ name: 'Screenshot 2026-11-30-10-20-30.png', png: PNG })
    expect(d.asked).toEqual([{ width: 2880, height: 1800 }])
  })

  it('explains the macOS Screen Recording permission instead of capturing', async () => {
    const d = deps({ platform: 'darwin', screenAccess: () => 'denied' })
    await expect(captureScreen(d)).rejects.toThrow(SCREEN_PERMISSION_HELP)
    expect(d.asked).toEqual([])
    const empty = deps({
      platform: 'darwin',
      sources: async () => [{ displayId: '2', png: new Uint8Array() }],
    })
    await expect(captureScreen(empty)).rejects.toThrow(/Screen Recording/)
  })
})
