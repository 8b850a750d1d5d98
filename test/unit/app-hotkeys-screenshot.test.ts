// The screenshot hotkey (issue 14): registered like the others, its press runs the capture, and
// a settings file without it still shows it (unset) in the status list.
import { beforeEach, describe, expect, it } from 'vitest'
import { HotkeyRegistrar } from '../../main/app/hotkeys'
import { DEFAULT_SETTINGS, applySettingsPatch } from '@shared/bridge'
import { globalShortcut, stub } from '../stubs/electron'

describe('screenshot hotkey', () => {
  beforeEach(() => stub.reset())

  it('registers and runs the capture; conflicts with another action are reported', async () => {
    let shots = 0
    const handlers = {
      quickWindow: () => undefined,
      voice: () => undefined,
      screenshot: () => void shots++,
      pushToTalk: { down: () => undefined, up: () => undefined, press: () => undefined },
    }
    const r = new HotkeyRegistrar(globalShortcut, { wayland: false })
    const status = await r.apply(
      { quickWindow: 'Ctrl+Alt+Q', voice: '', pushToTalk: '', screenshot: 'CommandOrControl+Shift+2' },
      handlers,
    )
    expect(status.find((s) => s.action === 'screenshot')).toMatchObject({ state: 'registered' })
    stub.registeredShortcuts.get('CommandOrControl+Shift+2')!()
    expect(shots).toBe(1)
    const clash = await r.apply({ quickWindow: 'Ctrl+Alt+Q', screenshot: 'ctrl+alt+q' }, handlers)
    expect(clash[1]).toMatchObject({
      action: 'screenshot',
      state: 'conflict',
      message: 'Already used by Quick window in this app.',
    })
    const unset = await r.apply({ screenshot: '', ...DEFAULT_SETTINGS.hotkeys }, handlers)
    expect(unset.find((s) => s.action === 'screenshot')?.state).toBe('disabled')
  })

  it('is a settings field one can set and clear', () => {
    const s = applySettingsPatch(DEFAULT_SETTINGS, { hotkeys: { screenshot: 'Alt+Shift+S' } })
    expect(s.hotkeys.screenshot).toBe('Alt+Shift+S')
    expect(applySettingsPatch(s, { hotkeys: { screenshot: '' } }).hotkeys.screenshot).toBe('')
  })
})
