// The prompt of `assistant exec`: the words given, or standard input when the prompt is `-` (as
// `codex exec -` does), so a prompt can be piped in or be longer than a command line allows.

export interface PromptSource {
  /** Standard input as text; undefined when it is a terminal (nothing piped in). */
  readStdin?: () => Promise<string | undefined>
}

export async function readProcessStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** The prompt, or an error message for the usage line. */
export async function promptFrom(
  positionals: string[],
  io: PromptSource,
): Promise<{ prompt: string } | { error: string }> {
  if (positionals.length === 1 && positionals[0] === '-') {
    const text = await (io.readStdin ?? readProcessStdin)()
    if (text === undefined) return { error: 'PROMPT "-" reads standard input, but nothing is piped in' }
    if (!text.trim()) return { error: 'standard input held no prompt' }
    return { prompt: text.trim() }
  }
  const prompt = positionals.join(' ').trim()
  return prompt ? { prompt } : { error: 'a PROMPT is required' }
}
