// Whether this desktop lets an app see a key being released while another app has focus.

export interface HoldEnvironment {
  platform: NodeJS.Platform
  wayland: boolean
  /** The X11 display (Linux). */
  display: string | undefined
  /** macOS: the app is trusted for Accessibility (null elsewhere). */
  macTrusted: boolean | null
}

/** null when holding a key can work here; otherwise why not, in plain words. */
export function holdUnavailableReason(env: HoldEnvironment): string | null {
  switch (env.platform) {
    case 'win32':
      return null
    case 'darwin':
      return env.macTrusted
        ? null
        : 'macOS lets the app see the key being released only with Accessibility permission: allow Assistant in System Settings → Privacy & Security → Accessibility, and holding starts working when you come back to the app'
    case 'linux':
      if (env.wayland) return 'on Wayland the desktop does not let apps see a key being released'
      if (!env.display) return 'there is no X11 display to watch the key on'
      return null
    default:
      return `holding a key is not supported on ${env.platform}`
  }
}
