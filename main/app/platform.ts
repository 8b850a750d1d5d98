// Platform facts main needs before the app is ready.

/** A Linux desktop session running Wayland (Electron then needs the global-shortcuts portal). */
export function isWaylandSession(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  if (platform !== 'linux') return false
  return env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY)
}

export const WAYLAND_HOTKEY_NOTE =
  'On Wayland the shortcut goes through the desktop portal: your desktop may ask you to confirm it, and ' +
  'compositors without the GlobalShortcuts portal ignore it (running under XWayland works everywhere).'
