// Before a stdio MCP server is spawned for the first time with a given command line, the user must
// have confirmed it outside the page (issue 15): settings and `mcp.test` come from the renderer,
// which must never be able to run a program on its own. What is confirmed is the fingerprint
// (command, args, cwd, environment NAMES); any change asks again. Approvals live in a main-only
// store. HTTP servers need no launch approval (nothing is spawned).
import type { McpServerConfig } from '@shared/mcp'

export interface StdioFingerprint {
  /** The server's name, shown to the user (not part of the identity). */
  name: string
  command: string
  args: string[]
  cwd: string | null
  envNames: string[]
}

/** Asks the user (a native dialog in Electron); true when they allowed it. */
export type ConfirmLaunch = (fingerprint: StdioFingerprint) => Promise<boolean>

/** The main-only record of approved fingerprints (by `fingerprintKey`). */
export interface LaunchApprovalStore {
  has(key: string): boolean
  add(fingerprint: StdioFingerprint): void
}

export function stdioFingerprint(config: McpServerConfig & { transport: 'stdio' }): StdioFingerprint {
  return {
    name: config.name,
    command: config.command,
    args: [...config.args],
    cwd: config.cwd ?? null,
    envNames: Object.keys(config.env).sort(),
  }
}

/** The identity of a launch: everything but the name and the environment values. */
export function fingerprintKey(f: StdioFingerprint): string {
  return JSON.stringify([f.command, f.args, f.cwd, [...f.envNames].sort()])
}

export class LaunchGate {
  /** One question at a time per fingerprint (parallel turns or tests must not open two dialogs). */
  private readonly asking = new Map<string, Promise<boolean>>()

  constructor(
    private readonly store: LaunchApprovalStore,
    /** Absent: nothing new may launch (only what the store already holds). */
    private readonly confirm?: ConfirmLaunch,
    /** Why a launch was refused without asking (host-specific advice). */
    private readonly refused: (f: StdioFingerprint) => string = () => 'it was not approved.',
  ) {}

  /** Resolves when `config` may be spawned; throws a plain-words error when it may not. */
  async check(config: McpServerConfig): Promise<void> {
    if (config.transport !== 'stdio') return
    const fp = stdioFingerprint(config)
    const key = fingerprintKey(fp)
    if (this.store.has(key)) return
    if (!this.confirm) throw new Error(`MCP server "${config.name}" was not started: ${this.refused(fp)}`)
    let pending = this.asking.get(key)
    if (!pending) {
      pending = this.confirm(fp).finally(() => this.asking.delete(key))
      this.asking.set(key, pending)
    }
    if (!(await pending)) throw new Error(`MCP server "${config.name}" was not started: the user declined.`)
    if (!this.store.has(key)) this.store.add(fp)
  }
}

/** A store in memory (tests; the CLI never needs one). */
export class MemoryLaunchApprovals implements LaunchApprovalStore {
  private readonly keys = new Set<string>()
  has(key: string): boolean {
    return this.keys.has(key)
  }
  add(f: StdioFingerprint): void {
    this.keys.add(fingerprintKey(f))
  }
}
