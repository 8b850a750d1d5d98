// Proxy settings → a rule, and the "test connection" query: reach the provider's /models through
// the chosen proxy without saving anything. Any HTTP answer means the network path works.
import type { ProxySettings, ProxyTestResult } from '@shared/bridge'
import { ProxyAgents, directRule, fixedProxyRule, redactProxyUrl, type ProxyRule } from '../core/net/proxy'
import { silentLogger, type Logger } from '../core/log'
import { joinUrl } from '../core/provider'
import { unaryRequest } from '../core/http-get'

/** `system` is host-specific: env variables in Node, Chromium's resolver in Electron. */
/** A custom URL the engine cannot use connects directly (with a warning) rather than stop the host. */
export function ruleFromSettings(
  proxy: ProxySettings,
  system: ProxyRule,
  logger: Logger = silentLogger,
): ProxyRule {
  if (proxy.mode === 'none') return directRule
  if (proxy.mode === 'custom') {
    try {
      return fixedProxyRule(proxy.url || null)
    } catch (e) {
      logger.log('warn', 'unusable proxy URL in settings; connecting directly', {
        proxy: redactProxyUrl(proxy.url),
        error: (e as Error).message,
      })
      return directRule
    }
  }
  return system
}

export async function testConnection(
  baseUrl: string,
  rule: ProxyRule,
  timeoutMs = 10_000,
): Promise<ProxyTestResult> {
  const target = joinUrl(baseUrl, 'models')
  const started = performance.now()
  let agents: ProxyAgents | null = null
  let via = 'direct'
  try {
    agents = new ProxyAgents(rule)
    const url = new URL(target)
    via = await agents.describe(url)
    const res = await unaryRequest(target, { agent: agents.agentFor(url), timeoutMs })
    // What the connection actually took (a PAC answer may differ per call; a pooled socket none).
    via = agents.usedFor(url) ?? via
    const ms = Math.round(performance.now() - started)
    const note =
      res.status === 401 || res.status === 403
        ? ' The server answered; it wants valid credentials, which is checked separately.'
        : ''
    return {
      ok: true,
      target,
      via,
      status: res.status,
      ms,
      message: `Reached ${url.host} ${via === 'direct' ? 'directly' : `through ${via}`} in ${ms} ms (HTTP ${res.status}).${note}`,
    }
  } catch (e) {
    via = agents?.usedFor(new URL(target)) ?? via
    const ms = Math.round(performance.now() - started)
    return {
      ok: false,
      target,
      via,
      status: null,
      ms,
      message: `Could not reach ${target} ${via === 'direct' ? 'directly' : `through ${via}`}: ${(e as Error).message}`,
    }
  } finally {
    agents?.destroy()
  }
}
