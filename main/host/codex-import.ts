// "ChatGPT sign-in" without a browser flow: copy the tokens of an existing codex CLI sign-in
// (`$CODEX_HOME/auth.json`) into the app's secret store, so the engine's `chatgpt` provider can
// use (and refresh) them. The file is read in main; the page only learns whether it worked.
import type { ImportResult } from '@shared/bridge'
import { CodexAuthFile, codexHome } from '../core/auth/codex-auth-file'
import type { SecretsService } from './secrets'

export async function importCodexSignIn(secrets: SecretsService, home?: string): Promise<ImportResult> {
  const file = new CodexAuthFile(home ?? codexHome())
  const tokens = await file.load()
  if (!tokens)
    return {
      ok: false,
      message: `No ChatGPT sign-in was found in ${file.file}. Sign in with the codex CLI (\`codex login\`) first, then import again.`,
    }
  try {
    secrets.put('chatgpt_tokens', JSON.stringify(tokens))
  } catch (e) {
    return { ok: false, message: (e as Error).message }
  }
  const account = tokens.accountId.length > 4 ? `…${tokens.accountId.slice(-4)}` : tokens.accountId
  return { ok: true, message: `Imported the ChatGPT sign-in of account ${account}.` }
}
