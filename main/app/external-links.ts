// Links leave the app only as https URLs opened in the user's browser (shell.openExternal) after
// this check; anything else (file:, javascript:, custom schemes, credentials in the URL) is refused.
export function isSafeExternalUrl(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length > 2048) return false
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === ''
}
