// Global shortcuts: conflicts and bad accelerators are reported, never thrown, never registered.
import { beforeEach, describe, expect, it } from 'vitest'
import { HotkeyRegistrar, validateAccelerator, type ShortcutApi } from '../../main/app/hotkeys'
import { isWaylandSession } from '../../main/app/platform'
import { globalShortcut, stub } from '../stubs/electron'

const handlers = {
  quickWindow: () => undefined,
  voice: () => undefined,
  pushToTalk: { down: () => undefined, up: () => undefined, press: () => undefined },
}

describe('accelerator validation', () => {
  it.each([
    ['CommandOrControl+Shift+Space', null],
    ['Alt+Space', null],
    ['Super+K', null],
    ['Ctrl+Plus', null],
    ['Ctrl++', null],
    ['F13', null],
    ['MediaPlayPause', null],
    ['CmdOrCtrl+Alt+num5', null],
  ])('accepts %s', (accel, expected) => expect(validateAccelerator(accel)).toBe(expected))

  it.each([
    ['K', /add a modifier/],
    ['Shift+K', /add a modifier/],
    ['Ctrl+', /empty part/],
    ['Hyper+K', /"Hyper" is not a modifier/],
    ['Ctrl+Banana', /"Banana" is not a key/],
    ['Ctrl+Ctrl+K', /appears twice/],
  ])('refuses %s', (accel, why) => expect(validateAccelerator(accel)).toMatch(why))
})

describe('hotkey registration', () => {
  beforeEach(() => stub.reset())

  it('registers, and reports a shortcut another program holds as a conflict', async () => {
    stub.takenShortcuts.add('Alt+Space')
    const r = new HotkeyRegistrar(globalShortcut, { wayland: false })
    const status = await r.apply(
      { quickWindow: 'CommandOrControl+Shift+Space', voice: 'Alt+Space', pushToTalk: '' },
      handlers,
    )
    expect(status).toEqual([
      {
        action: 'quickWindow',
        accelerator: 'CommandOrControl+Shift+Space',
        state: 'registered',
        message: 'Registered.',
      },
      {
        action: 'voice',
        accelerator: 'Alt+Space',
        state: 'conflict',
        message: 'Another program already uses this shortcut; pick a different one.',
      },
      { action: 'pushToTalk', accelerator: '', state: 'disabled', message: 'No shortcut set.' },
    ])
    expect([...stub.registeredShortcuts.keys()]).toEqual(['CommandOrControl+Shift+Space'])
    expect(r.status()).toBe(status)
  })

  it('never throws on a bad accelerator, even when Electron would', async () => {
    const throwing: ShortcutApi = {
      register: () => {
        throw new TypeError('conversion failure')
      },
      unregister: () => undefined,
    }
    const r = new HotkeyRegistrar(throwing, { wayland: false })
    const status = await r.apply(
      { quickWindow: 'Ctrl+Shift+Q', voice: 'Ctrl+Banana', pushToTalk: '' },
      handlers,
    )
    expect(status.map((s) => s.state)).toEqual(['invalid', 'invalid', 'disabled'])
    expect(status[0]!.message).toMatch(/Electron refused the shortcut: conversion failure/)
    expect(status[1]!.message).toMatch(/not a key/)
  })

  it('reports the same shortcut for two actions, and disabled ones', async () => {
    const r = new HotkeyRegistrar(globalShortcut, { wayland: false })
    expect(
      (
        await r.apply({ quickWindow: 'Ctrl+Alt+K', voice: 'ctrl+alt+k', pushToTalk: 'Ctrl+ALT+k' }, handlers)
      ).map((s) => [s.state, s.message]),
    ).toEqual([
      ['registered', 'Registered.'],
      ['conflict', 'Already used by Quick window in this app.'],
      ['conflict', 'Already used by Quick window in this app.'],
    ])
    expect(
      (await r.apply({ quickWindow: '', voice: 'Ctrl+Alt+V', pushToTalk: '' }, handlers)).map((s) => s.state),
    ).toEqual(['disabled', 'registered', 'disabled'])
    // The old binding was released when the new set was applied.
    expect([...stub.registeredShortcuts.keys()]).toEqual(['Ctrl+Alt+V'])
    r.unregisterAll()
    expect(stub.registeredShortcuts.size).toBe(0)
  })

  it('mentions the Wayland portal limits on Wayland', async () => {
    const r = new HotkeyRegistrar(globalShortcut, { wayland: true })
    expect(
      (await r.apply({ quickWindow: 'Super+Space', voice: '', pushToTalk: '' }, handlers))[0]!.message,
    ).toMatch(/Wayland.*portal/)
  })

  it('detects Wayland sessions on Linux only', () => {
    expect(isWaylandSession({ XDG_SESSION_TYPE: 'wayland' }, 'linux')).toBe(true)
    expect(isWaylandSession({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true)
    expect(isWaylandSession({ XDG_SESSION_TYPE: 'x11' }, 'linux')).toBe(false)
    expect(isWaylandSession({ XDG_SESSION_TYPE: 'wayland' }, 'darwin')).toBe(false)
  })
})
