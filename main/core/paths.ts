// Where the engine keeps its data when the host does not say (the CLI; Electron passes userData).
import os from 'node:os'
import path from 'node:path'

export const APP_DIR_NAME = 'desktop-assistant'

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.ASSISTANT_DATA_DIR) return env.ASSISTANT_DATA_DIR
  const home = os.homedir()
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME)
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME)
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), APP_DIR_NAME)
}
