// Electron's confirmation before a new or changed stdio MCP server runs (issue 15): a native
// dialog owned by main, so page script can neither fake nor skip it. The logic lives in
// main/core/tools/mcp/launch-gate.ts; this only asks.
import { dialog } from 'electron'
import { LaunchGate, type ConfirmLaunch, type StdioFingerprint } from '../core/tools/mcp/launch-gate'
import type { Logger } from '../core/log'
import { FileLaunchApprovals } from '../host/mcp-launch-approvals'

export function launchDetail(f: StdioFingerprint): string {
  const line = [f.command, ...f.args].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ')
  return [
    `Command: ${line}`,
    `Folder: ${f.cwd ?? '(default)'}`,
    `Environment variables: ${f.envNames.length ? f.envNames.join(', ') : '(none)'}`,
    '',
    'It runs with your permissions. Only allow programs you trust.',
  ].join('\n')
}

export const confirmLaunchDialog: ConfirmLaunch = async (f) => {
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: 'Run MCP server?',
    message: `Allow the MCP server "${f.name}" to run this program?`,
    detail: launchDetail(f),
    buttons: ['Cancel', 'Run'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  })
  return response === 1
}

/** The desktop app's gate: approvals in the user-data dir, new launches confirmed by dialog. */
export function electronLaunchGate(userData: string, logger: Logger): LaunchGate {
  return new LaunchGate(new FileLaunchApprovals(userData, logger), confirmLaunchDialog)
}
