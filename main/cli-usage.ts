// Usage texts of the `assistant` CLI. One line per command and one per option, so adding a command
// or a flag is one line here (next to its parseArgs entry in the command's module).

/** [name, what it does] */
export const COMMANDS: [string, string][] = [
  ['exec', 'run one turn and stream the answer (PROMPT, or - to read it from standard input)'],
  ['realtime', 'a realtime voice turn from a WAV file or text (answer as text and WAV)'],
  ['transcribe', 'speech to text: print the transcript of a WAV file'],
  ['speak', 'text to speech: read TEXT aloud into a WAV file'],
  ['compact', "summarize a saved conversation's earlier turns for the model (the transcript stays)"],
  ['export', 'write a conversation as Markdown, HTML (its current branch) or JSON (every branch)'],
  ['backup', 'write every conversation, the settings (no secrets) and attachments into one archive'],
  ['restore', 'merge a backup archive into the data folder (nothing newer is overwritten)'],
]

/** Per command: its synopsis and [flag, description] lines. */
export const OPTIONS: Record<string, { synopsis: string; options: [string, string][] }> = {
  exec: {
    synopsis: 'assistant exec [OPTIONS] PROMPT|- (PROMPT may be left out when --image or --file is given)',
    options: [
      ['--json', 'print every engine event as one JSON object per line'],
      ['--model M', "the model (default: the provider's)"],
      ['--provider P', 'openai (default), chatgpt (Codex sign-in) or custom'],
      ['--base-url URL', 'the provider URL (custom providers, tests)'],
      ['--transport T', 'auto (default), websocket or sse'],
      ['--compress', 'zstd request bodies (ChatGPT sign-in only)'],
      ['--conversation ID', 'continue a saved conversation'],
      ['--data-dir DIR', 'where conversations are kept'],
      ['--idle-timeout-ms N', 'give up on a stream silent for N ms'],
      ['--verbose', 'log what the engine does to standard error'],
      ['--effort LEVEL', 'reasoning effort: none, minimal, low, medium, high or xhigh'],
      ['--image FILE', 'attach an image (PNG, JPEG, WebP, GIF; repeatable)'],
      ['--file FILE', 'attach a PDF or text file (repeatable)'],
      ['--mcp-config FILE', 'MCP servers whose tools the model may call ({"servers": [...]})'],
      ['--approve all|none', 'answer every tool approval (default none: calls are denied)'],
      ['--web-search', 'offer the hosted web search tool (OpenAI providers)'],
      ['--regenerate', 'answer the last message again, as a new branch (needs --conversation; no PROMPT)'],
    ],
  },
  realtime: {
    synopsis: 'assistant realtime [OPTIONS]',
    options: [
      ['--input-wav FILE', 'speak this WAV file'],
      ['--text TEXT', 'send this text'],
      ['--out-wav FILE', 'write the spoken answer here'],
      ['--json', 'print every event as one JSON object per line'],
      ['--prompt P', 'the instructions for the voice model'],
      ['--provider P', 'openai (default), chatgpt or custom'],
      ['--base-url URL', 'the provider URL'],
      ['--dialect D', 'v2 (default) or gen0'],
      ['--mode M', 'vad or ptt'],
      ['--model M', 'the realtime model'],
      ['--voice V', 'the voice'],
      ['--conversation ID', 'continue a saved conversation'],
      ['--data-dir DIR', 'where conversations are kept'],
      ['--speed N', 'stream the WAV at N× real time (default 1; 0 = as fast as the socket takes it)'],
      ['--wait-ms N', 'give up on an answer after N ms without any event (default 15000)'],
      ['--verbose', 'log what the engine does to standard error'],
    ],
  },
  transcribe: {
    synopsis: 'assistant transcribe [OPTIONS] FILE.wav',
    options: [
      ['--model M', 'gpt-4o-mini-transcribe (default, streamed), gpt-4o-transcribe or whisper-1'],
      ['--language xx', 'the language spoken (ISO-639-1), if known'],
      ['--provider P', 'openai (default) or custom'],
      ['--base-url URL', 'the provider URL'],
      ['--verbose', 'log what the engine does to standard error'],
    ],
  },
  speak: {
    synopsis: 'assistant speak [OPTIONS] TEXT',
    options: [
      ['--out FILE.wav', 'where to write the audio (default speech.wav; 24 kHz mono)'],
      ['--voice V', 'the voice (default coral)'],
      ['--model M', 'gpt-4o-mini-tts (default), tts-1 or tts-1-hd'],
      ['--code RULE', 'code blocks: summarize (default) or skip'],
      ['--provider P', 'openai (default) or custom'],
      ['--base-url URL', 'the provider URL'],
      ['--verbose', 'log what the engine does to standard error'],
    ],
  },
  compact: {
    synopsis: 'assistant compact --conversation ID [OPTIONS]',
    options: [
      ['--conversation ID', 'the saved conversation to compact'],
      ['--json', 'print every engine event as one JSON object per line'],
      ['--provider P', 'openai (default), chatgpt or custom'],
      ['--base-url URL', 'the provider URL'],
      ['--data-dir DIR', 'where conversations are kept'],
      ['--verbose', 'log what the engine does to standard error'],
    ],
  },
  export: {
    synopsis: 'assistant export --conversation ID [--format md|json|html] [--out FILE]',
    options: [
      ['--conversation ID', 'the saved conversation to export'],
      ['--format F', 'md (default), html (one self-contained file) or json (the whole tree)'],
      ['--out FILE', 'write to FILE instead of standard output'],
      ['--data-dir DIR', 'where conversations are kept'],
    ],
  },
  backup: {
    synopsis: 'assistant backup --out FILE [--data-dir DIR] [--progress]',
    options: [
      ['--out FILE', 'the archive to write (.tar.gz)'],
      ['--data-dir DIR', 'the data folder to back up'],
      ['--progress', 'print how far it is on standard error (every 10%)'],
    ],
  },
  restore: {
    synopsis: 'assistant restore FILE [--data-dir DIR] [--progress]',
    options: [
      ['--data-dir DIR', 'the data folder to restore into (empty or not)'],
      ['--progress', 'print how far it is on standard error (every 10%)'],
    ],
  },
}

const table = (rows: [string, string][]) => {
  const width = Math.max(...rows.map(([a]) => a.length))
  return rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`).join('\n')
}

/** The usage of one command, or of the whole CLI. */
export function usageText(command?: string): string {
  const spec = command ? OPTIONS[command] : undefined
  if (spec) return `usage: ${spec.synopsis}\n${table([...spec.options, ['-h, --help', 'show this help']])}`
  return (
    'usage: assistant COMMAND [OPTIONS]\n' +
    `${table(COMMANDS)}\n` +
    `${table([
      ['-h, --help', 'show this help (assistant COMMAND --help: the command’s options)'],
      ['-V, --version', 'print the version'],
    ])}`
  )
}

/** -h/--help among the options (not after `--`, where it is prompt text). */
export function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--')
  const opts = end === -1 ? args : args.slice(0, end)
  return opts.includes('--help') || opts.includes('-h')
}

/** A node:util parseArgs error (unknown option, missing value, …): a usage error. */
export const isParseArgsError = (e: unknown): boolean =>
  typeof (e as { code?: unknown })?.code === 'string' &&
  (e as { code: string }).code.startsWith('ERR_PARSE_ARGS')
