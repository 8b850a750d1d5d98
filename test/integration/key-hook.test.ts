// The push-to-talk key hook for real: the native hook (uiohook-napi's prebuilt addon) in its own
// process on a virtual X display (Xvfb), keys pressed through XTEST (xdotool), main's side
// (KeyHoldHook) receiving held/released. Also: a hook that cannot start takes only itself down.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { execFile, execFileSync, fork, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { promisify } from 'node:util'
import fs from 'node:fs'
import path from 'node:path'
import { KeyHoldHook, type HookProcess } from '../../main/app/key-hold/hook'
import { holdSpecOf, type HoldSpec } from '../../main/app/key-hold/keymap'
import { silentLogger } from '../../main/core/log'

const WORKER = path.join(import.meta.dirname, '../../main/app/key-hold/worker.ts')
/** What the app ships (electron-vite's build of the worker); `npm test` builds before testing. */
const BUILT = path.join(import.meta.dirname, '../../out/main/key-hook.js')
const have = (cmd: string) => spawnSync('which', [cmd]).status === 0
const missing =
  process.platform !== 'linux'
    ? 'the X11 key-hook test runs on Linux'
    : !have('Xvfb') || !have('xdotool')
      ? 'Xvfb and xdotool are not installed (apt-get install xvfb xdotool)'
      : null
if (missing) console.log(`key-hook test skipped: ${missing}`)

/** A Node child compiling TypeScript on a busy 2-core machine starts slower than the app's 5 s allow. */
const START_MS = 15_000

/** Raw messages every hook process sent, to check that nothing but held/released leaves it. */
let seen: unknown[] = []
const children: ChildProcess[] = []

/** The hook process as a Node child (the app uses an Electron utility process instead). */
function nodeHook(env: NodeJS.ProcessEnv, built = false): HookProcess {
  const child = fork(built ? BUILT : WORKER, [], {
    execArgv: built ? [] : ['--import', 'tsx'],
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  children.push(child)
  child.on('error', (e) => seen.push({ spawnError: e.message }))
  child.on('message', (m) => seen.push(m))
  return {
    post: (m) => child.send(m),
    onMessage: (cb) => void child.on('message', cb),
    onExit: (cb) => void child.on('exit', (code) => cb(code)),
    kill: () => void child.kill(),
  }
}

describe.skipIf(missing !== null)('push-to-talk key hook on an X display', () => {
  let xvfb: ChildProcess
  let display = ''
  const xdotool = (...args: string[]) =>
    execFileSync('xdotool', args, { env: { ...process.env, DISPLAY: display } })

  beforeAll(async () => {
    // -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
    xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '640x480x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    })
    display = await new Promise<string>((resolve, reject) => {
      let out = ''
      xvfb.stdio[3]!.on('data', (c: Buffer) => {
        out += c.toString()
        if (out.includes('\n')) resolve(`:${out.trim()}`)
      })
      xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)))
      xvfb.once('error', reject)
    })
  })
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL')
    xvfb?.kill()
  })

  let log: string[]
  let hook: KeyHoldHook
  const on = {
    down: () => log.push('down'),
    up: () => log.push('up'),
    lost: (why: string) => log.push(`lost: ${why}`),
  }
  const spec = holdSpecOf('Ctrl+Alt+Space', 'linux') as HoldSpec
  beforeEach(() => {
    log = []
    seen = []
    hook = new KeyHoldHook(() => nodeHook({ ...process.env, DISPLAY: display }), silentLogger, START_MS)
  })

  it('sees the shortcut held and released, and nothing else leaves the hook', async () => {
    expect(await hook.start(spec, on)).toEqual({ ok: true })
    // Typing, and the key without its modifiers, are not the shortcut.
    xdotool('type', '--delay', '5', 'hello world')
    xdotool('key', 'ctrl+space')
    xdotool('keydown', 'ctrl+alt+space')
    await expect.poll(() => log).toEqual(['down'])
    xdotool('keyup', 'space')
    await expect.poll(() => log).toEqual(['down', 'up'])
    xdotool('keyup', 'ctrl+alt')
    // Releasing a modifier first also ends the hold.
    xdotool('keydown', 'ctrl+alt+space')
    await expect.poll(() => log).toEqual(['down', 'up', 'down'])
    xdotool('keyup', 'ctrl')
    await expect.poll(() => log).toEqual(['down', 'up', 'down', 'up'])
    xdotool('keyup', 'alt+space')
    hook.stop()
    expect(seen).toEqual([
      { type: 'ready' },
      { type: 'down' },
      { type: 'up' },
      { type: 'down' },
      { type: 'up' },
    ])
  })

  it.skipIf(!fs.existsSync(BUILT))('the built key-hook.js the app ships works the same', async () => {
    const built = new KeyHoldHook(
      () => nodeHook({ ...process.env, DISPLAY: display }, true),
      silentLogger,
      START_MS,
    )
    expect(await built.start(holdSpecOf('Shift+F8', 'linux') as HoldSpec, on)).toEqual({ ok: true })
    xdotool('keydown', 'shift+F8')
    await expect.poll(() => log).toEqual(['down'])
    xdotool('keyup', 'shift+F8')
    await expect.poll(() => log).toEqual(['down', 'up'])
    built.stop()
  })

  it('the same hook inside the process using it (as main on macOS) holds, restarts and stops', async () => {
    // In a process of its own: the vitest worker is not a process this hook should live in.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'key-hook-inprocess.fixture.ts')],
      { env: { ...process.env, DISPLAY: display }, timeout: 30_000 },
    )
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual([
      '{"ok":true}',
      'down',
      'up',
      '{"ok":true}',
      'down',
      'up',
    ])
  })

  it('a hook process killed mid-hold sends the turn and reports the loss', async () => {
    expect(await hook.start(holdSpecOf('F9', 'linux') as HoldSpec, on)).toEqual({ ok: true })
    xdotool('keydown', 'F9')
    await expect.poll(() => log).toEqual(['down'])
    children.at(-1)!.kill('SIGKILL')
    await expect.poll(() => log).toEqual(['down', 'up', 'lost: the key watcher stopped (exit signal)'])
    xdotool('keyup', 'F9')
  })

  it('with no X display the native hook aborts its own process only', async () => {
    const env = { ...process.env }
    delete env.DISPLAY
    // The built worker when there is one: no TypeScript to compile, so a loaded machine cannot
    // make it miss its start deadline (it did once under a full parallel run, at 15 s).
    const built = fs.existsSync(BUILT)
    const noDisplay = new KeyHoldHook(() => nodeHook(env, built), silentLogger, START_MS)
    const result = await noDisplay.start(spec, on)
    expect(result.ok).toBe(false)
    expect((result as { reason: string }).reason).toMatch(/^the key watcher (stopped|could not start)/)
    expect(children.at(-1)!.signalCode ?? children.at(-1)!.exitCode).not.toBe(0)
    expect(log).toEqual([])
  })
})
