// The system proxy in the Electron app: Chromium resolves it (OS settings, PAC scripts, WPAD)
// through session.resolveProxy. The engine's pacRule takes that resolver and asks it per origin,
// so this file only adapts Electron's session and logs what the engine cannot use.
import { pacRule } from '../core/net/pac'
import type { ProxyRule } from '../core/net/proxy-rules'
import type { Logger } from '../core/log'

export function systemProxyRule(resolve: (url: string) => Promise<string>, logger: Logger): ProxyRule {
  return pacRule(resolve, {
    onSkipped: (skipped) =>
      logger.log('warn', 'system proxy entries not supported', { skipped: skipped.join(', ') }),
    onError: (e) =>
      logger.log('warn', 'could not resolve the system proxy; connecting directly', { error: e.message }),
  })
}
