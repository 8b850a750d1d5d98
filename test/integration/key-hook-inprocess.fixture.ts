// Run by key-hook.test.ts as its own process (DISPLAY set): the key hook inside the process
// that uses it, as main does on macOS. Holds, restarts for a new shortcut, stops; prints the log.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { KeyHoldHook } from '../../main/app/key-hold/hook'
import { inProcessHook } from '../../main/app/key-hold/in-process'
import { holdSpecOf, type HoldSpec } from '../../main/app/key-hold/keymap'
import { silentLogger } from '../../main/core/log'

const xdotool = async (...args: string[]) => void (await promisify(execFile)('xdotool', args))
const settle = () => new Promise((r) => setTimeout(r, 150))
const log: string[] = []
const on = { down: () => log.push('down'), up: () => log.push('up'), lost: (why: string) => log.push(why) }
const hook = new KeyHoldHook(() => inProcessHook(), silentLogger)

log.push(JSON.stringify(await hook.start(holdSpecOf('Ctrl+F7', 'linux') as HoldSpec, on)))
await xdotool('keydown', 'ctrl+F7')
await settle()
await xdotool('keyup', 'F7')
await xdotool('keyup', 'ctrl')
await settle()
log.push(JSON.stringify(await hook.start(holdSpecOf('F6', 'linux') as HoldSpec, on)))
await xdotool('key', 'ctrl+F7')
await xdotool('keydown', 'F6')
await settle()
await xdotool('keyup', 'F6')
await settle()
hook.stop()
await xdotool('key', 'F6')
await settle()
process.stdout.write(JSON.stringify(log) + '\n')
