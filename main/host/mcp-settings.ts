// "Always for this tool" chosen in a window is remembered in the server's `alwaysAllow` setting,
// so later engines (and restarts) do not ask again. The engine key ignores that list: remembering
// it never rebuilds the engine in the middle of a turn.
import type { SettingsService } from './settings-service'

export function rememberAlwaysAllow(settings: SettingsService, server: string, tool: string): void {
  const servers = settings.get().mcpServers
  if (!servers.some((s) => s.name === server && !s.alwaysAllow.includes(tool))) return
  settings.update({
    mcpServers: servers.map((s) => (s.name === server ? { ...s, alwaysAllow: [...s.alwaysAllow, tool] } : s)),
  })
}
