// `assistant export --conversation ID --format md|json|html [--out FILE]`: one conversation as a
// document (its current branch) or as JSON (the whole tree, shared/export.ts). Stdout without --out.
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { ExportFormat } from '@shared/export'
import { HistoryStore } from './core/history/store'
import { defaultDataDir } from './core/paths'
import { exportConversation } from './core/export/export'

interface Io {
  out: (s: string) => void
  err: (s: string) => void
  env: NodeJS.ProcessEnv
}

export async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      conversation: { type: 'string' },
      format: { type: 'string', default: 'md' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  })
  const id = values.conversation
  if (!id) throw new Error('--conversation ID is required')
  const format = ExportFormat.safeParse(values.format)
  if (!format.success) throw new Error(`unknown format "${values.format}" (md, json or html)`)
  const dataDir = values['data-dir'] ?? defaultDataDir(io.env)
  const store = new HistoryStore(dataDir)
  try {
    if (!/^[0-9a-f-]{36}$/i.test(id) || !store.exists(id))
      throw new Error(`no conversation ${id} in ${dataDir}`)
    const text = exportConversation(store, id, format.data)!
    if (values.out) {
      fs.writeFileSync(values.out, text, { mode: 0o600 })
      io.err(`exported ${id} as ${format.data} to ${values.out}\n`)
    } else io.out(text)
    return 0
  } finally {
    store.close()
  }
}
