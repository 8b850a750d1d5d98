// The main-only record of stdio MCP launches the user approved (issue 15): a JSON file in the
// data dir, next to settings but not part of them, so no query or settings write from the page
// can add to it. Read on every check, so an entry written by hand takes effect without a restart.
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import {
  LaunchGate,
  fingerprintKey,
  type LaunchApprovalStore,
  type StdioFingerprint,
} from '../core/tools/mcp/launch-gate'
import type { Logger } from '../core/log'

export const LAUNCH_APPROVALS_FILE = 'mcp-launch-approvals.json'

const Entry = z.object({
  name: z.string().default(''),
  command: z.string(),
  args: z.array(z.string()).default([]),
  cwd: z.string().nullable().default(null),
  envNames: z.array(z.string()).default([]),
})
const FileShape = z.object({ approved: z.array(Entry) })

export class FileLaunchApprovals implements LaunchApprovalStore {
  readonly location: string

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    this.location = path.join(dataDir, LAUNCH_APPROVALS_FILE)
  }

  private read(): StdioFingerprint[] {
    let text: string
    try {
      // eslint-disable-next-line security/detect-non-literal-fs-filename -- fixed name in the host's data dir
      text = fs.readFileSync(this.location, 'utf8')
    } catch {
      return []
    }
    try {
      return FileShape.parse(JSON.parse(text)).approved
    } catch (e) {
      // A broken file approves nothing (and is left for the user to fix, never overwritten blindly).
      this.logger.log('warn', 'unreadable MCP launch approvals', { file: this.location, error: String(e) })
      return []
    }
  }

  has(key: string): boolean {
    return this.read().some((f) => fingerprintKey(f) === key)
  }

  add(fingerprint: StdioFingerprint): void {
    const approved = [...this.read(), fingerprint]
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- same path as above
    fs.mkdirSync(path.dirname(this.location), { recursive: true })
    const tmp = `${this.location}.${process.pid}.tmp`
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- same path as above
    fs.writeFileSync(tmp, JSON.stringify({ approved }, null, 2) + '\n', { mode: 0o600 })
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- same path as above
    fs.renameSync(tmp, this.location)
  }
}

/**
 * The browser host has no dialog outside the page, so it never asks: a stdio server runs only
 * when its exact launch is in the approvals file, which the user edits by hand (or which the
 * desktop app wrote for the same data dir). The refusal names the entry to add.
 */
export function browserLaunchGate(dataDir: string, logger: Logger): LaunchGate {
  const store = new FileLaunchApprovals(dataDir, logger)
  return new LaunchGate(store, undefined, (f) => {
    const entry = JSON.stringify(f)
    logger.log('warn', 'stdio MCP server not approved', { file: store.location, entry })
    return (
      `the browser host only starts stdio servers approved outside the page. To allow it, add ` +
      `${entry} to the "approved" list in ${store.location} (see docs/hosts.md).`
    )
  })
}
