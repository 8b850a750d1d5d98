// Settings → MCP servers: add (stdio command or Streamable HTTP URL), enable/disable, test
// ("connected, 7 tools"), per-tool switches, and secrets (environment values, bearer token) that
// go to the host's secret store, never into settings.
import { useEffect, useState } from 'react'
import type { SettingsPatch, SettingsView } from '@shared/bridge'
import type { McpSecretsView, McpServerConfig, McpServerStatus } from '@shared/mcp'
import { bridge } from '../bridge'

interface Props {
  view: SettingsView
  save: (patch: SettingsPatch) => Promise<void>
  onError: (message: string) => void
}

export function McpSection({ view, save, onError }: Props) {
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
      <legend>MCP servers</legend>
      <p className="hint">
        Tools from these servers are offered to the model; every call asks you first unless you chose “Always”
        for that tool.
      </p>
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
          Enabled
        </label>
        <button type="button" className="btn" disabled={status === 'testing'} onClick={test}>
          {status === 'testing' ? 'Testing…' : 'Test'}
        </button>
        <button type="button" className="btn" onClick={() => p.onChange(null)}>
          Remove
        </button>
        {status && status !== 'testing' && (
          <span className={status.state === 'connected' ? 'ok' : 'bad'} role="status">
            {status.message}
          </span>
        )}
      </div>
      {status && status !== 'testing' && status.tools.length > 0 && (
        <ul className="mcp-tools" aria-label={`Tools of ${s.name}`}>
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
            {k} (secret set)
            <button type="button" className="btn" onClick={() => void setSecret(k, null)}>
              Delete
            </button>
          </span>
        ))}
        {s.transport === 'stdio' && (
          <input
            aria-label="Secret variable name"
            placeholder="API_TOKEN"
            value={secretKey}
            onChange={(e) => setSecretKey(e.target.value.trim())}
          />
        )}
        <input
          aria-label={s.transport === 'http' ? 'Bearer token' : 'Secret value'}
          type="password"
          placeholder={s.transport === 'http' ? 'Bearer token' : 'value'}
          value={secretValue}
          onChange={(e) => setSecretValue(e.target.value)}
        />
        <button
          type="button"
          className="btn"
          disabled={!secretKey || !secretValue}
          onClick={() => void setSecret(secretKey, secretValue)}
        >
          Save secret
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
  const [name, setName] = useState('')
  const [kind, setKind] = useState<'stdio' | 'http'>('stdio')
  const [target, setTarget] = useState('')
  const [env, setEnv] = useState('')
  const add = () => {
    if (!/^[a-zA-Z0-9_-]{1,32}$/.test(name))
      return p.onError('Server names are 1-32 letters, digits, _ or -.')
    if (p.names.includes(name)) return p.onError(`There is already a server named "${name}".`)
    const base = { name, enabled: true, disabledTools: [], alwaysAllow: [], timeoutMs: 60_000 }
    if (kind === 'http') return p.onAdd({ ...base, transport: 'http', url: target.trim() })
    const [command, ...args] = target.trim().split(/\s+/)
    if (!command) return p.onError('Enter the command that starts the server.')
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
          aria-label="Server name"
          placeholder="name"
          value={name}
          onChange={(e) => setName(e.target.value.trim())}
        />
        <select aria-label="Server type" value={kind} onChange={(e) => setKind(e.target.value as 'stdio')}>
          <option value="stdio">Local command (stdio)</option>
          <option value="http">Remote URL (Streamable HTTP)</option>
        </select>
      </div>
      <input
        aria-label={kind === 'stdio' ? 'Command' : 'Server URL'}
        placeholder={
          kind === 'stdio' ? 'npx -y @modelcontextprotocol/server-everything' : 'https://example.com/mcp'
        }
        value={target}
        onChange={(e) => setTarget(e.target.value)}
      />
      {kind === 'stdio' && (
        <textarea
          aria-label="Environment (not secret)"
          placeholder={'KEY=value (one per line; put secrets in “Save secret” after adding)'}
          rows={2}
          value={env}
          onChange={(e) => setEnv(e.target.value)}
        />
      )}
      <button type="button" className="btn" disabled={!name || !target.trim()} onClick={add}>
        Add server
      </button>
    </div>
  )
}
