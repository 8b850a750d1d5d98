// Push-to-talk held on a global shortcut: the accelerator → key-code map, the hold tracker that
// runs in the hook process, the hook's lifecycle as main sees it, and the registrar's fallback
// to press-to-talk/press-again wherever a release cannot be seen.
import { beforeEach, describe, expect, it } from 'vitest'
import { holdSpecOf, type HoldSpec } from '../../main/app/key-hold/keymap'
import { HoldTracker, type KeyEvent } from '../../main/app/key-hold/hold-tracker'
import { KeyHoldHook, type HookProcess } from '../../main/app/key-hold/hook'
import { holdUnavailableReason } from '../../main/app/key-hold/support'
import type { ToHook } from '../../main/app/key-hold/messages'
import { HotkeyRegistrar } from '../../main/app/hotkeys'
import { silentLogger } from '../../main/core/log'
import { globalShortcut, stub } from '../stubs/electron'

const SPACE = 0x39
const CTRL_L = 0x1d
const ALT_R = 0x0e38
const key = (keycode: number, mods: Partial<Omit<KeyEvent, 'keycode'>> = {}): KeyEvent => ({
  keycode,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
})

describe('accelerator → hold spec', () => {
  it('maps modifiers per platform, as Electron reads CommandOrControl', () => {
    expect(holdSpecOf('CommandOrControl+Shift+Space', 'linux')).toEqual({
      keycode: SPACE,
      mods: { ctrl: true, alt: false, shift: true, meta: false },
    })
    expect(holdSpecOf('CommandOrControl+Shift+Space', 'darwin')).toEqual({
      keycode: SPACE,
      mods: { ctrl: false, alt: false, shift: true, meta: true },
    })
    expect(holdSpecOf('Option+Super+K', 'darwin')).toEqual({
      keycode: 0x25,
      mods: { ctrl: false, alt: true, shift: false, meta: true },
    })
  })

  it.each([
    ['F9', 0x43],
    ['F13', 0x5b],
    ['F24', 0x6b],
    ['Ctrl+A', 0x1e],
    ['Ctrl+Z', 0x2c],
    ['Ctrl+0', 0x0b],
    ['Ctrl+1', 0x02],
    ['Alt+num5', 0x4c],
    ['Ctrl+/', 0x35],
    ['Ctrl+Up', 0xe048],
  ])('%s is key code %s', (accel, code) => {
    expect((holdSpecOf(accel, 'win32') as HoldSpec).keycode).toBe(code)
  })

  it('says which keys cannot be held', () => {
    expect(holdSpecOf('VolumeUp', 'win32')).toEqual({
      error: 'the app cannot watch "VolumeUp" being released',
    })
    expect(holdSpecOf('Ctrl+)', 'win32')).toEqual({ error: 'the app cannot watch ")" being released' })
  })
})

describe('hold tracker (inside the hook process)', () => {
  let log: string[]
  let t: HoldTracker
  beforeEach(() => {
    log = []
    const spec = holdSpecOf('Ctrl+Alt+Space', 'linux') as HoldSpec
    t = new HoldTracker(spec, { down: () => log.push('down'), up: () => log.push('up') })
  })

  it('one hold is one down and one up, however long the key repeats', () => {
    for (let i = 0; i < 5; i++) t.keydown(key(SPACE, { ctrlKey: true, altKey: true }))
    expect(log).toEqual(['down'])
    t.keyup(key(SPACE, { ctrlKey: true, altKey: true }))
    expect(log).toEqual(['down', 'up'])
    expect(t.isHeld).toBe(false)
  })

  it('needs exactly the shortcut modifiers', () => {
    t.keydown(key(SPACE))
    t.keydown(key(SPACE, { ctrlKey: true }))
    t.keydown(key(SPACE, { ctrlKey: true, altKey: true, shiftKey: true }))
    expect(log).toEqual([])
  })

  it('letting go of a modifier first also ends the hold; other keys do nothing', () => {
    t.keydown(key(SPACE, { ctrlKey: true, altKey: true }))
    t.keyup(key(0x1e, { ctrlKey: true, altKey: true }))
    t.keyup(key(CTRL_L + 1))
    expect(log).toEqual(['down'])
    t.keyup(key(ALT_R, { ctrlKey: true }))
    expect(log).toEqual(['down', 'up'])
    // A key-up with nothing held is ignored.
    t.keyup(key(SPACE))
    expect(log).toEqual(['down', 'up'])
  })
})

describe('where holding can work', () => {
  it('names the reason per desktop', () => {
    const base = { wayland: false, display: ':0', macTrusted: null }
    expect(holdUnavailableReason({ ...base, platform: 'win32' })).toBeNull()
    expect(holdUnavailableReason({ ...base, platform: 'linux' })).toBeNull()
    expect(holdUnavailableReason({ ...base, platform: 'linux', wayland: true })).toMatch(/Wayland/)
    expect(holdUnavailableReason({ ...base, platform: 'linux', display: undefined })).toMatch(
      /no X11 display/,
    )
    expect(holdUnavailableReason({ ...base, platform: 'darwin', macTrusted: false })).toMatch(/Accessibility/)
    expect(holdUnavailableReason({ ...base, platform: 'darwin', macTrusted: true })).toBeNull()
    expect(holdUnavailableReason({ ...base, platform: 'freebsd' })).toMatch(/not supported on freebsd/)
  })
})

/** A scriptable stand-in for the hook process. */
class FakeHookProcess implements HookProcess {
  posted: ToHook[] = []
  killed = false
  private message: (m: unknown) => void = () => undefined
  private exit: (code: number | null) => void = () => undefined
  post(m: ToHook) {
    this.posted.push(m)
  }
  onMessage(cb: (m: unknown) => void) {
    this.message = cb
  }
  onExit(cb: (code: number | null) => void) {
    this.exit = cb
  }
  kill() {
    this.killed = true
  }
  say(m: unknown) {
    this.message(m)
  }
  die(code: number | null) {
    this.exit(code)
  }
}

const spec = holdSpecOf('Ctrl+Alt+Space', 'linux') as HoldSpec

describe('the key hook as main sees it', () => {
  let procs: FakeHookProcess[]
  let log: string[]
  let hook: KeyHoldHook
  const on = () => ({
    down: () => log.push('down'),
    up: () => log.push('up'),
    lost: (why: string) => log.push(`lost: ${why}`),
  })
  beforeEach(() => {
    procs = []
    log = []
    hook = new KeyHoldHook(
      () => {
        const p = new FakeHookProcess()
        procs.push(p)
        return p
      },
      silentLogger,
      50,
    )
  })

  it('asks for the key, is ready when the hook says so, relays down/up once each', async () => {
    const started = hook.start(spec, on())
    expect(procs[0]!.posted).toEqual([{ type: 'watch', keycode: SPACE, mods: spec.mods }])
    procs[0]!.say({ type: 'ready' })
    expect(await started).toEqual({ ok: true })
    procs[0]!.say({ type: 'down' })
    procs[0]!.say({ type: 'down' })
    procs[0]!.say({ type: 'keystroke', key: 'a' })
    procs[0]!.say({ type: 'up' })
    procs[0]!.say({ type: 'up' })
    expect(log).toEqual(['down', 'up'])
  })

  it('a hook that fails, dies before ready or never answers is a reason, not a crash', async () => {
    let started = hook.start(spec, on())
    procs[0]!.say({ type: 'failed', message: 'Failed to open X11 display.' })
    expect(await started).toEqual({
      ok: false,
      reason: 'the key watcher could not start (Failed to open X11 display.)',
    })
    expect(procs[0]!.killed).toBe(true)

    hook.reset()
    started = hook.start(spec, on())
    procs[1]!.die(null)
    expect(await started).toEqual({ ok: false, reason: 'the key watcher stopped (exit signal)' })

    hook.reset()
    started = hook.start(spec, on())
    expect(await started).toEqual({ ok: false, reason: 'the key watcher did not start in time' })
    expect(procs[2]!.killed).toBe(true)
  })

  it('after a failure it does not respawn until reset', async () => {
    const first = hook.start(spec, on())
    procs[0]!.die(134)
    await first
    expect(await hook.start(spec, on())).toEqual({ ok: false, reason: 'the key watcher stopped (exit 134)' })
    expect(procs).toHaveLength(1)
  })

  it('dying while held sends the turn (up) and reports the loss', async () => {
    const started = hook.start(spec, on())
    procs[0]!.say({ type: 'ready' })
    await started
    procs[0]!.say({ type: 'down' })
    procs[0]!.die(134)
    expect(log).toEqual(['down', 'up', 'lost: the key watcher stopped (exit 134)'])
  })

  it('a stop answers a start still waiting, kills that process only, and leaves no timer behind', async () => {
    const started = hook.start(spec, on())
    hook.stop()
    expect(await started).toEqual({ ok: false, reason: 'the key watcher was stopped' })
    expect(procs[0]!.killed).toBe(true)
    // Not a failure: the next start spawns again, and the old timer cannot touch it.
    const again = hook.start(spec, on())
    procs[1]!.say({ type: 'ready' })
    expect(await again).toEqual({ ok: true })
    await new Promise((r) => setTimeout(r, 80))
    expect(procs[1]!.killed).toBe(false)
  })

  it('stopping while the key is held sends the turn', async () => {
    const started = hook.start(spec, on())
    procs[0]!.say({ type: 'ready' })
    await started
    procs[0]!.say({ type: 'down' })
    hook.stop()
    expect(log).toEqual(['down', 'up'])
  })

  it('a stopped hook is killed and its late messages are ignored', async () => {
    const started = hook.start(spec, on())
    procs[0]!.say({ type: 'ready' })
    await started
    hook.stop()
    expect(procs[0]!.killed).toBe(true)
    procs[0]!.say({ type: 'down' })
    procs[0]!.die(0)
    expect(log).toEqual([])
  })
})

describe('push-to-talk in the registrar', () => {
  let procs: FakeHookProcess[]
  let log: string[]
  let unavailable: string | null
  let changed: unknown[]
  const handlers = {
    quickWindow: () => undefined,
    voice: () => undefined,
    pushToTalk: { down: () => log.push('down'), up: () => log.push('up'), press: () => log.push('press') },
  }
  const make = (autoReady: boolean) =>
    new HotkeyRegistrar(globalShortcut, {
      wayland: false,
      hold: {
        hook: new KeyHoldHook(
          () => {
            const p = new FakeHookProcess()
            procs.push(p)
            if (autoReady) queueMicrotask(() => p.say({ type: 'ready' }))
            return p
          },
          silentLogger,
          50,
        ),
        platform: 'linux',
        unavailable: () => unavailable,
      },
      onChange: (s) => changed.push(s),
    })
  beforeEach(() => {
    stub.reset()
    procs = []
    log = []
    unavailable = null
    changed = []
  })

  it('holds through the hook, without grabbing the key from other apps', async () => {
    const r = make(true)
    const [, , ptt] = await r.apply({ quickWindow: '', voice: '', pushToTalk: 'Ctrl+Alt+Space' }, handlers)
    expect(ptt).toMatchObject({
      state: 'registered',
      hold: true,
      message: expect.stringMatching(/^Registered\. Hold to talk, release to send/),
    })
    expect(stub.registeredShortcuts.size).toBe(0)
    procs[0]!.say({ type: 'down' })
    procs[0]!.say({ type: 'up' })
    expect(log).toEqual(['down', 'up'])
  })

  it('falls back to press to talk, press again to send, and says why', async () => {
    unavailable = 'on Wayland the desktop does not let apps see a key being released'
    const r = make(true)
    const [, , ptt] = await r.apply({ quickWindow: '', voice: '', pushToTalk: 'Ctrl+Alt+Space' }, handlers)
    expect(ptt).toEqual({
      action: 'pushToTalk',
      accelerator: 'Ctrl+Alt+Space',
      state: 'registered',
      hold: false,
      message:
        'Registered: press to talk, press again to send (on Wayland the desktop does not let apps see a key being released).',
    })
    expect(procs).toHaveLength(0)
    // Each press is a press: the window knows whether it is talking (a start may have failed).
    const press = stub.registeredShortcuts.get('Ctrl+Alt+Space')!
    press()
    press()
    expect(log).toEqual(['press', 'press'])
    // Nothing changed on the desktop: no reason to apply again.
    expect(r.needsHoldRetry()).toBe(false)
  })

  it('asks to be applied again once the desktop allows holding (macOS Accessibility granted)', async () => {
    unavailable = 'macOS … Accessibility …'
    const r = make(true)
    await r.apply({ quickWindow: '', voice: '', pushToTalk: 'F9' }, handlers)
    unavailable = null
    expect(r.needsHoldRetry()).toBe(true)
    const [, , ptt] = await r.apply({ quickWindow: '', voice: '', pushToTalk: 'F9' }, handlers)
    expect(ptt!.hold).toBe(true)
    expect(r.needsHoldRetry()).toBe(false)
    // A hook failure is not something a focus change can fix.
    procs[0]!.die(1)
    await expect.poll(() => changed.length).toBe(1)
    expect(r.needsHoldRetry()).toBe(false)
  })

  it('a key the hook cannot see falls back too', async () => {
    const r = make(true)
    const [, , ptt] = await r.apply({ quickWindow: '', voice: '', pushToTalk: 'MediaPlayPause' }, handlers)
    expect(ptt!.hold).toBe(false)
    expect(ptt!.message).toMatch(/cannot watch "MediaPlayPause" being released/)
    expect(stub.registeredShortcuts.has('MediaPlayPause')).toBe(true)
  })

  it('when the hook dies, push-to-talk falls back on its own and the settings hear of it', async () => {
    const r = make(true)
    await r.apply({ quickWindow: 'Ctrl+Alt+Q', voice: '', pushToTalk: 'Ctrl+Alt+Space' }, handlers)
    procs[0]!.say({ type: 'down' })
    procs[0]!.die(134)
    expect(log).toEqual(['down', 'up'])
    await expect.poll(() => changed.length).toBe(1)
    const ptt = (changed[0] as { action: string; hold?: boolean; message: string }[])[2]!
    expect(ptt.hold).toBe(false)
    expect(ptt.message).toMatch(/the key watcher stopped \(exit 134\)/)
    expect([...stub.registeredShortcuts.keys()].sort()).toEqual(['Ctrl+Alt+Q', 'Ctrl+Alt+Space'])
    expect(procs).toHaveLength(1)
  })

  it('applies run in order, and a new apply stops the old hook', async () => {
    const r = make(true)
    const a = r.apply({ quickWindow: '', voice: '', pushToTalk: 'Ctrl+Alt+Space' }, handlers)
    const b = r.apply({ quickWindow: '', voice: '', pushToTalk: 'F9' }, handlers)
    const [sa, sb] = await Promise.all([a, b])
    expect(sa[2]!.accelerator).toBe('Ctrl+Alt+Space')
    expect(sb[2]!.accelerator).toBe('F9')
    expect(procs.map((p) => p.killed)).toEqual([true, false])
    expect(procs[1]!.posted[0]).toMatchObject({ keycode: 0x43 })
    expect(r.status()).toBe(sb)
  })
})
