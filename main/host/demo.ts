// Demo mode: the engine talks to the test emulator (test/emulator), and each question is answered
// by a scripted stream chosen from its words, so every feature can be tried with no account.
// The emulator is loaded from source at run time, so this only works under tsx (`npm run demo`).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Op } from '@shared/ops'
import type * as EmulatorModule from '../../test/emulator/index'
import type * as ScriptsModule from '../../test/emulator/scripts'
import type { Scenario } from '../../test/emulator/index'

export const DEMO_API_KEY = 'sk-test-emulator'
/** The model a "reroute" answer claims; another one when that is the model asked for. */
export const DEMO_REROUTED_MODEL = 'gpt-5-mini'
const DEMO_REROUTED_FALLBACK = 'gpt-4.1'

export interface Demo {
  baseUrl: string
  apiKey: string
  /** Script the emulator for the turn this op starts. */
  beforeOp(op: Op): void
  /** How the host tells which model a turn will ask for (so a reroute really differs from it). */
  useDefaultModel(get: () => string): void
  close(): Promise<void>
}

function findEmulatorDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const candidates = [path.resolve(here, '../../test/emulator'), path.resolve('test/emulator')]
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- fixed candidate folders of this project
  const dir = candidates.find((d) => fs.existsSync(path.join(d, 'index.ts')))
  if (!dir) throw new Error('demo mode needs the project sources (test/emulator); run it with `npm run demo`')
  return dir
}

export async function startDemo(): Promise<Demo> {
  const dir = findEmulatorDir()
  let emu: typeof EmulatorModule
  let scripts: typeof ScriptsModule
  try {
    emu = (await import(pathToFileURL(path.join(dir, 'index.ts')).href)) as typeof EmulatorModule
    scripts = (await import(pathToFileURL(path.join(dir, 'scripts.ts')).href)) as typeof ScriptsModule
  } catch (e) {
    throw new Error(`demo mode runs from source through tsx (\`npm run demo\`): ${(e as Error).message}`, {
      cause: e,
    })
  }
  const emulator = await emu.startEmulator({ apiKey: DEMO_API_KEY })
  let defaultModel = () => ''
  return {
    baseUrl: emulator.openaiBase,
    apiKey: DEMO_API_KEY,
    beforeOp(op) {
      if (op.type === 'user_turn') emulator.script(demoScenario(op.text, scripts, op.model || defaultModel()))
    },
    useDefaultModel(get) {
      defaultModel = get
    },
    close: () => emulator.close(),
  }
}

const HELP = `This is the demo: answers come from a local emulator; nothing leaves your machine.

Try a message containing one of these words:
- reroute: the server answers with another model, and you get a notice
- usage: rate-limit usage crosses 80% and 95% (with reset times)
- think: a reasoning status line before the answer
- long: a long answer with code, to close and reopen the window while it streams
- error: a request that fails, shown where it happened`

const LONG = Array.from(
  { length: 6 },
  (_, i) => `## Part ${i + 1}

Streaming keeps running even if you close the window; reopen it and the whole answer is there.

\`\`\`ts
export function part${i + 1}(x: number): number {
  return x * ${i + 2}
}
\`\`\`
`,
).join('\n')

export function demoScenario(text: string, s: typeof ScriptsModule, requestedModel = ''): Scenario {
  const t = text.toLowerCase()
  const now = Math.floor(Date.now() / 1000)
  if (t.includes('error'))
    return {
      status: 400,
      body: {
        error: {
          message: 'Demo: this is how a failed request looks.',
          type: 'invalid_request_error',
          code: null,
          param: null,
        },
      },
    }
  if (t.includes('reroute')) {
    const served = requestedModel === DEMO_REROUTED_MODEL ? DEMO_REROUTED_FALLBACK : DEMO_REROUTED_MODEL
    const headers = { 'OpenAI-Model': served }
    return {
      headers: { 'openai-model': served },
      steps: s.paced(
        s.textAnswer('This answer was written by a different model than the one you asked for.', {
          responseHeaders: headers,
          model: DEMO_REROUTED_MODEL,
          chunks: 12,
        }),
        40,
      ),
    }
  }
  if (t.includes('usage') || t.includes('limit')) {
    const primary = { used_percent: 85, window_minutes: 300, reset_at: now + 2 * 3600 + 14 * 60 }
    const secondary = { used_percent: 96, window_minutes: 10080, reset_at: now + 3 * 86400 }
    return {
      headers: {
        'x-codex-primary-used-percent': String(primary.used_percent),
        'x-codex-primary-window-minutes': String(primary.window_minutes),
        'x-codex-primary-reset-at': String(primary.reset_at),
        'x-codex-secondary-used-percent': String(secondary.used_percent),
        'x-codex-secondary-window-minutes': String(secondary.window_minutes),
        'x-codex-secondary-reset-at': String(secondary.reset_at),
      },
      steps: [
        s.rateLimitsEvent({ primary, secondary }),
        ...s.paced(
          s.textAnswer('You have used 85% of your 5-hour limit and 96% of your weekly limit.', {
            chunks: 10,
          }),
          40,
        ),
      ],
    }
  }
  if (t.includes('think') || t.includes('reason')) {
    const answer = 'Here is the answer, after thinking it through.'
    const reasoning = s.reasoningSteps(['**Weighing the options**\n\nComparing a few approaches.'], {
      outputIndex: 0,
      sequenceStart: 2,
      chunks: 6,
    })
    const message = s.messageSteps(answer, { outputIndex: 1, sequenceStart: 2 + reasoning.length, chunks: 8 })
    return {
      steps: [
        s.created({ sequenceNumber: 0 }),
        s.inProgress({ sequenceNumber: 1 }),
        ...s.paced(reasoning, 120),
        ...s.paced(message, 40),
        s.completed({
          output: [
            s.reasoningItem(['**Weighing the options**\n\nComparing a few approaches.']),
            s.messageItem(answer),
          ],
        }),
      ],
    }
  }
  if (t.includes('long') || t.includes('markdown') || t.includes('code'))
    return { steps: s.paced(s.textAnswer(LONG, { chunks: 120 }), 25) }
  return { steps: s.paced(s.textAnswer(HELP, { chunks: 40 }), 25) }
}
