// The query handlers, one per entry of QUERIES (the type makes the table exhaustive). Inputs
// arrive already parsed by HostCore.
import type { z } from 'zod'
import type { Queries, QueryName, QueryOutput, SettingsView } from '@shared/bridge'
import type { CallContext, HostCore } from './core'
import { SearchIndex } from './search'
import { importCodexSignIn } from './codex-import'
import { attachmentQueryHandlers } from './attachment-queries'
import { mcpSecretsView, readMcpSecrets, setMcpSecret } from './mcp-secrets'
import { testMcpServer } from './mcp-test'
import { mcpLaunchGate } from './engine-factory'
import { bindCustomKey, customKeyView } from './custom-key'
import { exportQuery } from './export-query'
import { backupNow, backupsDir, pickAndRestore, restoreUpload } from './backup-queries'
import { autoBackupDir } from './auto-backup'

type Handlers = {
  [N in QueryName]: (
    input: z.output<Queries[N]['input']>,
    ctx: CallContext,
  ) => Promise<QueryOutput<N>> | QueryOutput<N>
}

export function createQueryHandlers(core: HostCore): Handlers {
  const { services } = core
  const search = new SearchIndex()
  const view = (): SettingsView => {
    const settings = services.settings.get()
    const customApiKey = customKeyView(services.secrets.get('custom_api_key'), settings)
    return { settings, secrets: { ...services.secrets.view(), customApiKey } }
  }
  const changed = (): SettingsView => {
    const v = view()
    core.publish({ type: 'settings_changed', view: v })
    core.refreshEngine()
    return v
  }
  return {
    'host.capabilities': () => services.capabilities,
    'settings.get': view,
    'settings.set': (patch) => {
      services.settings.update(patch)
      return changed()
    },
    'secrets.set': ({ name, value, acceptPlaintext }) => {
      // A custom key is stored with the server it was entered for (main/host/custom-key.ts).
      const stored =
        name === 'custom_api_key' && value !== null ? bindCustomKey(services.settings.get(), value) : value
      services.secrets.put(name, stored, { acceptPlaintext: acceptPlaintext === true })
      return changed().secrets
    },
    'conversations.list': () => core.engines.engine.listConversations(),
    'conversations.load': ({ id }) => core.engines.forConversation(id).loadConversation(id),
    'conversations.delete': ({ id }) => core.engines.forConversation(id).deleteConversation(id),
    'conversations.rename': ({ id, title }) => core.engines.forConversation(id).renameConversation(id, title),
    'conversations.search': ({ query }) => search.search(services.engineSpec().dataDir, query),
    'models.list': () => core.engines.engine.listModels(),
    'auth.importCodex': async () => {
      const result = await importCodexSignIn(services.secrets, services.codexHome)
      if (result.ok) {
        changed()
        // The running engine may hold tokens of another account; the next turn must use these.
        core.refreshEngine(true)
      }
      return result
    },
    'hotkeys.status': () => services.hotkeys(),
    'proxy.test': ({ proxy }) => services.proxyTest(proxy),
    'events.attach': (_input, ctx) => core.fanout.attach(ctx.sinkId, ctx.sink),
    ...attachmentQueryHandlers(core),
    'mcp.test': ({ server }) => {
      const spec = services.engineSpec()
      return testMcpServer(
        server,
        readMcpSecrets(services.secrets),
        core.logger,
        mcpLaunchGate(spec),
        spec.agent,
      )
    },
    'mcp.secrets': () => mcpSecretsView(services.secrets),
    'mcp.setSecret': ({ server, key, value }) => {
      const config = services.settings.get().mcpServers.find((c) => c.name === server)
      if (!config) throw new Error(`Save the MCP server "${server}" before setting its secrets.`)
      const v = setMcpSecret(services.secrets, config, key, value)
      core.refreshEngine()
      return v
    },
    'conversations.export': ({ id, format }) => exportQuery(services.engineSpec().dataDir, id, format),
    'backup.create': () => backupNow(core),
    'backup.pickAndRestore': async () => {
      const result = await pickAndRestore(core)
      if (!result.cancelled) changed() // windows refresh their conversation lists
      return result
    },
    'backup.restoreUpload': async ({ data }) => {
      const summary = await restoreUpload(core, data)
      changed()
      return summary
    },
    'backup.location': () => {
      const dataDir = services.engineSpec().dataDir
      return { folder: backupsDir(dataDir), autoFolder: autoBackupDir(dataDir) }
    },
  }
}
