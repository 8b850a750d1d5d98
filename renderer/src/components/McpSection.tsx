// Settings → MCP servers: add (stdio command or Streamable HTTP URL), enable/disable, test
// ("connected, 7 tools"), per-tool switches, and secrets (environment values, bearer token) that
// go to the host's secret store, never into settings.
import { useEffect, useState } from 'react'
import type { SettingsPatch, SettingsView } from '@shared/bridge'
import type { McpSecretsView, McpServerConfig, McpServerStatus } from '@shared/mcp'
import { bridge } from '../bridge'
import { useT } from '../i18n/use-t'

interface Props {
  view: SettingsView
  save: (patch: SettingsPatch) => Promise<void>
  onError: (message: string) => void
}

export function McpSection({ view, save, onError }: Props) {
  const t = useT()
  const servers = view.settings.mcpServers
  const [secrets, setSecrets] = useState<McpSecretsView>({})
  useEffect(() => {
    bridge.query('mcp.secrets', {}).then(setSecrets, () => undefined)
  }, [])
  const replace = (name: string, next: McpServerConfig | null) =>
    void save({
      mcpServers: next
        ? servers.map((s) => (s.name === name ? next : s))
        : servers.filter((s) => s.name !== name),
    })
  return (
    <fieldset className="group mcp">
      <legend>{t('mcp.legend')}</legend>
      <p className="hint">{t('mcp.hint')}</p>
      {servers.map((s) => (
        <ServerCard
          key={s.name}
          server={s}
          secretKeys={secrets[s.name] ?? []}
          onChange={(next) => replace(s.name, next)}
          onSecrets={setSecrets}
          onError={onError}
        />
      ))}
      <AddServer
        names={servers.map((s) => s.name)}
        onAdd={(s) => void save({ mcpServers: [...servers, s] })}
        onError={onError}
      />
    </fieldset>
  )
}

function ServerCard(p: {
  server: McpServerConfig
  secretKeys: string[]
  onChange: (next: McpServerConfig | null) => void
  onSecrets: (v: McpSecretsView) => void
  onError: (m: string) => void
}) {
  const t = useT()
  const s = p.server
  const [status, setStatus] = useState<McpServerStatus | 'testing' | null>(null)
  const [secretKey, setSecretKey] = useState(s.transport === 'http' ? 'bearer' : '')
  const [secretValue, setSecretValue] = useState('')
  const test = () => {
    setStatus('testing')
    bridge
      .query('mcp.test', { server: s })
      .then(setStatus, (e: Error) =>
        setStatus({ name: s.name, state: 'failed', message: e.message, tools: [] }),
      )
  }
  const setSecret = (key: string, value: string | null) =>
    bridge.query('mcp.setSecret', { server: s.name, key, value }).then(
      (v) => {
        p.onSecrets(v)
        setSecretValue('')
      },
      (e: Error) => p.onError(e.message),
    )
  const toggleTool = (tool: string, on: boolean) =>
    p.onChange({
      ...s,
      disabledTools: on ? s.disabledTools.filter((t) => t !== tool) : [...s.disabledTools, tool],
    })
  return (
    <div className="mcp-server" data-server={s.name}>
      <div className="row">
        <strong>{s.name}</strong>
        <span className="hint mcp-target">
          {s.transport === 'stdio' ? [s.command, ...s.args].join(' ') : s.url}
        </span>
      </div>
      <div className="row">
        <label className="check">
          <input
            type="checkbox"
            checked={s.enabled}
            onChange={(e) => p.onChange({ ...s, enabled: e.target.checked })}
          />
          {t('mcp.enabled')}
        </label>
        <button type="button" className="btn" disabled={status === 'testing'} onClick={test}>
          {status === 'testing' ? t('settings.testing') : t('mcp.test')}
        </button>
        <button type="button" className="btn" onClick={() => p.onChange(null)}>
          {t('provider.remove')}
        </button>
        {status && status !== 'testing' && (
          <span className={status.state === 'connected' ? 'ok' : 'bad'} role="status">
            {status.message}
          </span>
        )}
      </div>
      {status && status !== 'testing' && status.tools.length > 0 && (
        <ul className="mcp-tools" aria-label={t('mcp.toolsOf', { name: s.name })}>
          {status.tools.map((t) => (
            <li key={t.name}>
              <label className="check" title={t.description}>
                <input
                  type="checkbox"
                  checked={!s.disabledTools.includes(t.name)}
                  onChange={(e) => toggleTool(t.name, e.target.checked)}
                />
                {t.name}
              </label>
            </li>
          ))}
        </ul>
      )}
      <div className="row mcp-secrets">
        {p.secretKeys.map((k) => (
          <span key={k} className="mcp-secret">
            {t('mcp.secretSet', { k })}
            <button type="button" className="btn" onClick={() => void setSecret(k, null)}>
              {t('mcp.delete')}
            </button>
          </span>
        ))}
        {s.transport === 'stdio' && (
          <input
            aria-label={t('mcp.secretName')}
            placeholder="API_TOKEN"
            value={secretKey}
            onChange={(e) => setSecretKey(e.target.value.trim())}
          />
        )}
        <input
          aria-label={s.transport === 'http' ? t('mcp.bearer') : t('mcp.secretValue')}
          type="password"
          placeholder={s.transport === 'http' ? t('mcp.bearer') : t('mcp.value')}
          value={secretValue}
          onChange={(e) => setSecretValue(e.target.value)}
        />
        <button
          type="button"
          className="btn"
          disabled={!secretKey || !secretValue}
          onClick={() => void setSecret(secretKey, secretValue)}
        >
          {t('mcp.saveSecret')}
        </button>
      </div>
    </div>
  )
}

function AddServer(p: {
  names: string[]
  onAdd: (s: McpServerConfig) => void
  onError: (m: string) => void
}) {
  const t = useT()
  const [name, setName] = useState('')
  const [kind, setKind] = useState<'stdio' | 'http'>('stdio')
  const [target, setTarget] = useState('')
  const [env, setEnv] = useState('')
  const add = () => {
    if (!/^[a-zA-Z0-9_-]{1,32}$/.test(name)) return p.onError(t('mcp.badName'))
    if (p.names.includes(name)) return p.onError(t('mcp.duplicate', { name }))
    const base = { name, enabled: true, disabledTools: [], alwaysAllow: [], timeoutMs: 60_000 }
    if (kind === 'http') return p.onAdd({ ...base, transport: 'http', url: target.trim() })
    const [command, ...args] = target.trim().split(/\s+/)
    if (!command) return p.onError(t('mcp.noCommand'))
    const vars = Object.fromEntries(
      env
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    )
    p.onAdd({ ...base, transport: 'stdio', command, args, env: vars })
    setName('')
    setTarget('')
    setEnv('')
  }
  return (
    <div className="mcp-add">
      <div className="row">
        <input
          aria-label={t('mcp.serverName')}
          placeholder={t('mcp.namePlaceholder')}
          value={name}
          onChange={(e) => setName(e.target.value.trim())}
        />
        <select
          aria-label={t('mcp.serverType')}
          value={kind}
          onChange={(e) => setKind(e.target.value as 'stdio')}
        >
          <option value="stdio">{t('mcp.stdio')}</option>
          <option value="http">{t('mcp.http')}</option>
        </select>
      </div>
      <input
        aria-label={kind === 'stdio' ? t('mcp.command') : t('mcp.serverUrl')}
        placeholder={
          kind === 'stdio' ? 'npx -y @modelcontextprotocol/server-everything' : 'https://example.com/mcp'
        }
        value={target}
        onChange={(e) => setTarget(e.target.value)}
      />
      {kind === 'stdio' && (
        <textarea
          aria-label={t('mcp.env')}
          placeholder={t('mcp.envPlaceholder')}
          rows={2}
          value={env}
          onChange={(e) => setEnv(e.target.value)}
        />
      )}
      <button type="button" className="btn" disabled={!name || !target.trim()} onClick={add}>
        {t('mcp.add')}
      </button>
    </div>
  )
}
