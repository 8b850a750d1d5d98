// The Content-Security-Policy of the app's pages, for both hosts (renderer/index.html carries the
// same policy as a meta tag). Nothing inline, nothing remote: the page talks to its host only.
export const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; media-src 'self' blob:; worker-src 'self'; manifest-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'"
